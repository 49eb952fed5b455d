import type { PayloadRequest } from 'payload'
import type { GlobalConfig } from 'payload'

import { isAdmin, isAdminField, isStaff } from '@kontorwerk/personalization'
import { label } from '@kontorwerk/personalization'
import { message } from '@kontorwerk/personalization'
import { webhookUrlProblem } from '@kontorwerk/personalization'
import { DEFAULT_SETTINGS } from '../defaults'

export const SCORING_SETTINGS = 'lead-scoring-settings'

const number = (name: keyof typeof DEFAULT_SETTINGS, de: string, en: string, min: number, max: number) => ({
  name,
  type: 'number' as const,
  defaultValue: DEFAULT_SETTINGS[name] as number,
  label: label(de, en),
  max,
  min,
  required: true,
})

export const ScoringSettings: GlobalConfig = {
  slug: SCORING_SETTINGS,
  access: { read: isStaff, update: isAdmin },
  admin: { group: label('Lead-Scoring', 'Lead scoring') },
  fields: [
    {
      type: 'row',
      fields: [
        number('halfLifeDays', 'Halbwertszeit Engagement (Tage)', 'Engagement half-life (days)', 1, 3650),
        number('interestHalfLifeDays', 'Halbwertszeit impliziter Interessen (Tage)', 'Implicit interest half-life (days)', 1, 3650),
        number('clickInterestWeight', 'Interessen-Gewicht je Klick', 'Interest weight per click', 0.01, 1),
        number('primaryPersonaMinFit', 'Mindest-Fit für die primäre Persona (%)', 'Minimum fit for the primary persona (%)', 1, 100),
      ],
    },
    {
      name: 'stageWebhookUrl',
      type: 'text',
      access: { read: isAdminField, update: isAdminField },
      admin: { description: label('Phasenwechsel werden als JSON an diese URL gesendet (z. B. CRM), mit Wiederholungen.', 'Stage changes are POSTed as JSON to this URL (e.g. a CRM), with retries.') },
      label: label('Webhook für Phasenwechsel', 'Stage change webhook'),
      validate: async (value: null | string | undefined, { event, req }: { event?: 'onChange' | 'submit'; req: Parameters<typeof message>[0] & Pick<PayloadRequest, 'payload'> }) => {
        if (!value) return true
        if (!/^https?:\/\/[^\s]+$/.test(value)) return message(req, label('http(s)-URL erwartet.', 'http(s) URL expected.'))
        // While typing only the form (no DNS lookup per keystroke); the save resolves the host.
        const problem = await webhookUrlProblem(req.payload, value, { resolve: event !== 'onChange' })
        return problem ? message(req, problem) : true
      },
    },
    {
      name: 'stageWebhookSecret',
      type: 'text',
      access: { read: isAdminField, update: isAdminField },
      admin: { description: label('Signiert jede Zustellung (Header X-Signature: sha256=…).', 'Signs every delivery (header X-Signature: sha256=…).') },
      label: label('Webhook-Geheimnis', 'Webhook secret'),
    },
    {
      name: 'recompute',
      type: 'group',
      access: { update: () => false },
      admin: { readOnly: true },
      fields: [
        { name: 'cursor', type: 'text' },
        { name: 'startedAt', type: 'date' },
        { name: 'finishedAt', type: 'date' },
      ],
      label: label('Neuberechnung', 'Recompute'),
    },
  ],
  label: label('Scoring-Einstellungen', 'Scoring settings'),
}
