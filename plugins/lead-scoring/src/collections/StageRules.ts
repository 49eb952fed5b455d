import type { CollectionConfig } from 'payload'

import type { TranslatedLabel } from '@kontorwerk/personalization'

import { isAdmin, isStaff, relationsExist } from '@kontorwerk/personalization'

import { texts, translated } from '../translations'

export const STAGE_RULES = 'stage-rules'

const threshold = (name: string, label: TranslatedLabel) => ({ name, type: 'number' as const, label })

/**
 * Thresholds that move lifecycle stages (docs/plugins/lead-scoring.md#stage-thresholds). All given conditions must hold. Without
 * "from stages" a rule only promotes (target later in the lifecycle than the current stage).
 * Admins only: editors see every subscriber's stage, so a threshold of theirs would read the fit
 * and total scores (personal data goes into them) one subscriber at a time, and a rule that moves
 * stages back could re-arm an admin's threshold for the next question.
 */
export const StageRules: CollectionConfig = {
  slug: STAGE_RULES,
  access: { create: isAdmin, delete: isAdmin, read: isStaff, update: isAdmin },
  admin: {
    defaultColumns: ['name', 'toStage', 'minFit', 'minTotal', 'minDaysWithoutEngagement', 'active'],
    group: texts('kontorwerk-lead-scoring:groupLeadScoring'),
    useAsTitle: 'name',
  },
  fields: [
    { name: 'name', type: 'text', label: translated('kontorwerk-lead-scoring:name'), required: true },
    {
      type: 'row',
      fields: [
        {
          name: 'toStage',
          type: 'relationship',
          label: translated('kontorwerk-lead-scoring:toStage'),
          relationTo: 'lifecycle-stages',
          required: true,
          validate: relationsExist,
        },
        {
          name: 'fromStages',
          type: 'relationship',
          admin: { description: translated('kontorwerk-lead-scoring:fromStagesDescription') },
          hasMany: true,
          label: translated('kontorwerk-lead-scoring:fromStages'),
          relationTo: 'lifecycle-stages',
          validate: relationsExist,
        },
        { name: 'active', type: 'checkbox', defaultValue: true, label: translated('kontorwerk-lead-scoring:active') },
      ],
    },
    {
      type: 'row',
      fields: [
        threshold('minFit', translated('kontorwerk-lead-scoring:minFit')),
        threshold('minEngagement', translated('kontorwerk-lead-scoring:minEngagement')),
        threshold('minTotal', translated('kontorwerk-lead-scoring:minTotal')),
      ],
    },
    {
      type: 'row',
      fields: [
        {
          ...threshold('minDaysWithoutEngagement', translated('kontorwerk-lead-scoring:minDaysWithoutEngagement')),
          min: 1,
        },
        {
          ...threshold('maxDaysWithoutEngagement', translated('kontorwerk-lead-scoring:maxDaysWithoutEngagement')),
          min: 0,
        },
      ],
    },
  ],
  labels: {
    plural: translated('kontorwerk-lead-scoring:stageRulesPlural'),
    singular: translated('kontorwerk-lead-scoring:stageRulesSingular'),
  },
}
