import type { ArrayField } from 'payload'

import { RECOMMENDATION_STRATEGIES, type RecommendationStrategy } from '../products/recommendations/strategies'
import { option, texts, translated } from '../translations'
import { rowLabel } from './rowLabels'
import { slotKeyField, uniqueSlotKeys } from './slots'
import { tagRelationship } from './tagRelationship'

const STRATEGY_TEXTS: Record<RecommendationStrategy, Parameters<typeof option>[1]> = {
  alsoBought: 'kontorwerk-personalization:recommendationStrategyAlsoBought',
  cart: 'kontorwerk-personalization:recommendationStrategyCart',
  personal: 'kontorwerk-personalization:recommendationStrategyPersonal',
  recentlyViewed: 'kontorwerk-personalization:recommendationStrategyRecentlyViewed',
  trending: 'kontorwerk-personalization:recommendationStrategyTrending',
}

/**
 * A newsletter's or landing page's product recommendations: each a grid after the content slots,
 * with the strategy the editor picks (docs/plugins/personalization.md#products-and-recommendations).
 */
export const recommendationSlotsField: ArrayField = {
  name: 'recommendationSlots',
  type: 'array',
  admin: {
    components: { RowLabel: rowLabel(texts('kontorwerk-personalization:recommendationSlotsSingular'), 'heading') },
    initCollapsed: true,
  },
  fields: [
    {
      type: 'row',
      fields: [
        slotKeyField,
        {
          name: 'heading',
          type: 'text',
          label: translated('kontorwerk-personalization:recommendationHeading'),
          required: true,
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'strategy',
          type: 'select',
          defaultValue: 'personal',
          label: translated('kontorwerk-personalization:recommendationStrategy'),
          options: RECOMMENDATION_STRATEGIES.map((value) => option(value, STRATEGY_TEXTS[value])),
          required: true,
        },
        {
          name: 'count',
          type: 'number',
          defaultValue: 4,
          label: translated('kontorwerk-personalization:recommendationCount'),
          max: 12,
          min: 1,
          required: true,
        },
        {
          name: 'buttonLabel',
          type: 'text',
          label: translated('kontorwerk-personalization:recommendationButton'),
          maxLength: 40,
        },
      ],
    },
    tagRelationship('categories', 'interests', translated('kontorwerk-personalization:recommendationOnlyCategories'), {
      index: false,
    }),
  ],
  label: translated('kontorwerk-personalization:recommendationSlots'),
  labels: {
    plural: translated('kontorwerk-personalization:recommendationSlotsPlural'),
    singular: translated('kontorwerk-personalization:recommendationSlotsSingular'),
  },
  validate: uniqueSlotKeys,
}
