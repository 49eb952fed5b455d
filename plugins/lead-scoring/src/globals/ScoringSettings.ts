import type { GlobalConfig, PayloadRequest } from 'payload'

import type { TranslatedLabel } from '@kontorwerk/personalization'

import { isAdmin, isAdminField, isStaff, localized, webhookUrlProblem } from '@kontorwerk/personalization'

import { DEFAULT_SETTINGS } from '../defaults'
import { message, texts, translated } from '../translations'

export const SCORING_SETTINGS = 'lead-scoring-settings'

const number = (name: keyof typeof DEFAULT_SETTINGS, label: TranslatedLabel, min: number, max: number) => ({
  name,
  type: 'number' as const,
  defaultValue: DEFAULT_SETTINGS[name] as number,
  label,
  max,
  min,
  required: true,
})

export const ScoringSettings: GlobalConfig = {
  slug: SCORING_SETTINGS,
  access: { read: isStaff, update: isAdmin },
  admin: { group: texts('kontorwerk-lead-scoring:groupLeadScoring') },
  fields: [
    {
      type: 'row',
      fields: [
        number('halfLifeDays', translated('kontorwerk-lead-scoring:halfLifeDays'), 1, 3650),
        number('interestHalfLifeDays', translated('kontorwerk-lead-scoring:interestHalfLifeDays'), 1, 3650),
        number('clickInterestWeight', translated('kontorwerk-lead-scoring:clickInterestWeight'), 0.01, 1),
        number('primaryPersonaMinFit', translated('kontorwerk-lead-scoring:primaryPersonaMinFit'), 1, 100),
      ],
    },
    {
      name: 'stageWebhookUrl',
      type: 'text',
      access: { read: isAdminField, update: isAdminField },
      admin: { description: translated('kontorwerk-lead-scoring:stageWebhookUrlDescription') },
      label: translated('kontorwerk-lead-scoring:stageWebhookUrl'),
      validate: async (
        value: null | string | undefined,
        {
          event,
          req,
        }: { event?: 'onChange' | 'submit'; req: Parameters<typeof message>[0] & Pick<PayloadRequest, 'payload'> },
      ) => {
        if (!value) return true
        if (!/^https?:\/\/[^\s]+$/.test(value)) return message(req, 'kontorwerk-lead-scoring:webhookUrlExpected')
        // While typing only the form (no DNS lookup per keystroke); the save resolves the host.
        const problem = await webhookUrlProblem(req.payload, value, { resolve: event !== 'onChange' })
        return problem ? localized(req, problem) : true
      },
    },
    {
      name: 'stageWebhookSecret',
      type: 'text',
      access: { read: isAdminField, update: isAdminField },
      admin: { description: translated('kontorwerk-lead-scoring:stageWebhookSecretDescription') },
      label: translated('kontorwerk-lead-scoring:stageWebhookSecret'),
    },
    {
      name: 'recompute',
      type: 'group',
      access: { update: () => false },
      admin: { readOnly: true },
      fields: [
        { name: 'cursor', type: 'text', label: translated('kontorwerk-lead-scoring:recomputeCursor') },
        { name: 'startedAt', type: 'date', label: translated('kontorwerk-lead-scoring:recomputeStartedAt') },
        { name: 'finishedAt', type: 'date', label: translated('kontorwerk-lead-scoring:recomputeFinishedAt') },
      ],
      label: translated('kontorwerk-lead-scoring:recompute'),
    },
  ],
  label: translated('kontorwerk-lead-scoring:scoringSettings'),
}
