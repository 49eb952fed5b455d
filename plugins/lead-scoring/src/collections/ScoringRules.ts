import type { CollectionConfig, PayloadRequest } from 'payload'

import { adminOnlyChanges } from '@kontorwerk/personalization'
import { isAdmin, isStaff } from '@kontorwerk/personalization'
import { EVENT_TYPES, SYSTEM_EVENT_TYPES } from '@kontorwerk/personalization'
import { conditionFields } from '@kontorwerk/personalization'
import { label, option } from '@kontorwerk/personalization'
import { message } from '@kontorwerk/personalization'
import { mayReadProfilePath } from '../utilities/profile'

export const SCORING_RULES = 'scoring-rules'

export const CAP_PERIODS = ['day', 'week', 'month'] as const
export type CapPeriod = (typeof CAP_PERIODS)[number]

const isEventRule = (data: Record<string, unknown> | undefined) => data?.kind !== 'attribute'

/**
 * What a profile rule on a field the user may not read does: its points land in the fit of exactly
 * the subscribers who match, so writing one is reading the field (say, −50 for a competitor's
 * email domain). Null for every other rule.
 */
async function personalRule(doc: Record<string, unknown> | undefined, req: PayloadRequest) {
  const condition = doc?.condition as { attribute?: null | string } | undefined
  if (isEventRule(doc) || !condition?.attribute || (await mayReadProfilePath(req, condition.attribute))) return null
  return { active: doc?.active, condition, kind: doc?.kind, points: doc?.points }
}

/**
 * A lead-scoring rule (docs/plugins/lead-scoring.md#rules): points for an event (type + filters) or for a profile attribute,
 * on the fit or engagement axis, optionally capped per calendar period (UTC).
 */
export const ScoringRules: CollectionConfig = {
  slug: SCORING_RULES,
  access: { create: isStaff, delete: isAdmin, read: isStaff, update: isStaff },
  admin: {
    defaultColumns: ['name', 'axis', 'kind', 'eventType', 'points', 'active'],
    description: label(
      'Regeländerungen gelten für neue Ereignisse; „npm run scores:recompute“ wendet sie auf die Vergangenheit an.',
      'Rule changes apply to new events; "npm run scores:recompute" applies them to the past.',
    ),
    group: label('Lead-Scoring', 'Lead scoring'),
    useAsTitle: 'name',
  },
  fields: [
    { name: 'name', type: 'text', label: label('Name', 'Name'), required: true },
    {
      type: 'row',
      fields: [
        {
          name: 'axis',
          type: 'select',
          admin: { condition: isEventRule, description: label('Profilregeln zählen immer zum Fit.', 'Profile rules always count as fit.') },
          defaultValue: 'engagement',
          label: label('Achse', 'Axis'),
          options: [
            option('fit', 'Fit (demografisch, verfällt nicht)', 'Fit (demographic, no decay)'),
            option('engagement', 'Engagement (Verhalten, verfällt)', 'Engagement (behaviour, decays)'),
          ],
          required: true,
        },
        {
          name: 'kind',
          type: 'select',
          defaultValue: 'event',
          label: label('Bedingung', 'Condition'),
          options: [option('event', 'Ereignis', 'Event'), option('attribute', 'Profilmerkmal', 'Profile attribute')],
          required: true,
        },
        {
          name: 'points',
          type: 'number',
          label: label('Punkte', 'Points'),
          max: 1000,
          min: -1000,
          required: true,
          validate: (value: null | number | undefined, { req }: { req: Parameters<typeof message>[0] }) =>
            (value != null && value !== 0) || message(req, label('Punkte dürfen nicht 0 sein.', 'Points must not be 0.')),
        },
        { name: 'active', type: 'checkbox', defaultValue: true, label: label('Aktiv', 'Active') },
      ],
    },
    {
      name: 'eventType',
      type: 'select',
      admin: { condition: isEventRule },
      label: label('Ereignistyp', 'Event type'),
      options: Object.keys(EVENT_TYPES).filter((type) => !SYSTEM_EVENT_TYPES.includes(type as never)),
      validate: (value: null | string | undefined, { data, req }: { data: unknown; req: Parameters<typeof message>[0] }) =>
        !isEventRule(data as Record<string, unknown>) || Boolean(value) || message(req, label('Ereignistyp fehlt.', 'Choose an event type.')),
    },
    {
      name: 'filters',
      type: 'array',
      admin: {
        condition: isEventRule,
        description: label('Alle Filter müssen zutreffen, z. B. properties.url enthält /preise oder block ist einer von …', 'All filters must hold, e.g. properties.url contains /pricing, or block is one of …'),
      },
      fields: [{ type: 'row', fields: conditionFields(['in', 'contains', 'gte', 'lte', 'exists'], { pathExample: 'properties.url' }) }],
      label: label('Filter', 'Filters'),
    },
    {
      name: 'condition',
      type: 'group',
      admin: {
        condition: (data) => !isEventRule(data),
        description: label(
          'Profilfeld, z. B. emailDomain, region, attributes.role. Regeln auf personenbezogenen Feldern legen nur Admins an.',
          'Profile field, e.g. emailDomain, region, attributes.role. Rules on personal fields are for admins only.',
        ),
      },
      fields: [{ type: 'row', fields: conditionFields(['in', 'contains', 'gte', 'lte', 'exists'], { pathExample: 'attributes.role', required: false }) }],
      label: label('Profilbedingung', 'Profile condition'),
    },
    {
      name: 'cap',
      type: 'group',
      admin: { condition: isEventRule },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'count', type: 'number', admin: { description: label('Leer: unbegrenzt.', 'Empty: unlimited.') }, label: label('Höchstens … Treffer', 'At most … hits'), min: 1 },
            {
              name: 'period',
              type: 'select',
              defaultValue: 'week',
              label: label('pro', 'per'),
              options: [option('day', 'Tag', 'day'), option('week', 'Woche', 'week'), option('month', 'Monat', 'month')],
            },
          ],
        },
      ],
      label: label('Obergrenze', 'Cap'),
    },
  ],
  hooks: {
    beforeChange: [
      adminOnlyChanges(personalRule, {
        path: 'condition.attribute',
        refusal: label(
          'Profilregeln auf personenbezogenen Feldern (E-Mail, E-Mail-Domain, Namen, Titel, Anrede, eigene Merkmale, Fit-Werte) legen und ändern nur Admins an; Sie können sie umbenennen.',
          'Profile rules on personal fields (email, email domain, names, title, gender, custom attributes, fit values) are created and changed by admins only; you may rename them.',
        ),
      }),
    ],
  },
  labels: { plural: label('Scoring-Regeln', 'Scoring rules'), singular: label('Scoring-Regel', 'Scoring rule') },
}
