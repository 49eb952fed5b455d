import type { Field, GlobalConfig, Payload, PayloadRequest } from 'payload'

import { isAdmin, isStaff, perPayloadCache } from '@kontorwerk/personalization'

import type { ResolvedConsentOptions } from '../types'
import type { ChannelBudget } from '../utilities/contactBudget'

import { type ConsentTranslationKey, message, texts, translated } from '../translations'
import { consentOptions } from '../utilities/options'

export const CONTACT_BUDGET = 'contact-budget'

/** The channels campaigns and automations send on; each has its own budget. */
export const BUDGET_CHANNELS = ['email', 'sms', 'push'] as const

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/
const MAX_PER_WEEK = 50

export type ContactBudgetSettings = {
  channels: Record<string, ChannelBudget>
  /** Recipient's local wall clock, "HH:MM"; equal values: no quiet hours. */
  quietHours: { from: string; until: string }
}

type Req = { req: PayloadRequest; siblingData?: Record<string, unknown> }

const count = (name: 'perDay' | 'perWeek', fallback: number): Field => ({
  name,
  type: 'number',
  admin: { description: translated(`kontorwerk-consent:${name}Description` as ConsentTranslationKey), step: 1 },
  defaultValue: fallback,
  label: translated(`kontorwerk-consent:${name}` as ConsentTranslationKey),
  required: true,
  validate: (value: null | number | undefined, { req, siblingData }: Req) => {
    if (value == null || !Number.isInteger(value) || value < 1 || value > MAX_PER_WEEK)
      return message(req, 'kontorwerk-consent:budgetCountExpected')
    if (name === 'perWeek' && Number(siblingData?.perDay) > value)
      return message(req, 'kontorwerk-consent:budgetWeekBelowDay')
    return true
  },
})

const time = (name: 'from' | 'until', fallback: string): Field => ({
  name,
  type: 'text',
  defaultValue: fallback,
  label: translated(name === 'from' ? 'kontorwerk-consent:quietFrom' : 'kontorwerk-consent:quietUntil'),
  required: true,
  validate: (value: null | string | undefined, { req }: Req) =>
    (value != null && HH_MM.test(value)) || message(req, 'kontorwerk-consent:timeExpected'),
})

/**
 * One contact budget for every sender (docs/plugins/consent.md#contact-budget): per channel how many
 * marketing messages a person gets at most per day and per 7 days, and the quiet hours that
 * behaviour-triggered mails wait out. Its defaults are the plugin's `contactBudget` option.
 */
export const contactBudgetGlobal = ({ contactBudget }: ResolvedConsentOptions): GlobalConfig => ({
  slug: CONTACT_BUDGET,
  access: { read: isStaff, update: isAdmin },
  admin: {
    description: texts('kontorwerk-consent:contactBudgetDescription'),
    group: texts('kontorwerk-consent:groupConsent'),
  },
  fields: [
    ...BUDGET_CHANNELS.map((channel): Field => ({
      name: channel,
      type: 'group',
      fields: [
        {
          type: 'row',
          fields: [count('perDay', contactBudget.perDay), count('perWeek', contactBudget.perWeek)],
        },
      ],
      label: translated(`kontorwerk-consent:budget_${channel}` as ConsentTranslationKey),
    })),
    {
      name: 'quietHours',
      type: 'group',
      admin: { description: translated('kontorwerk-consent:quietHoursDescription') },
      fields: [
        {
          type: 'row',
          fields: [time('from', contactBudget.quietHours.from), time('until', contactBudget.quietHours.until)],
        },
      ],
      label: translated('kontorwerk-consent:quietHours'),
    },
  ],
  hooks: { afterChange: [({ req }) => contactBudgetCache.invalidate(req.payload)] },
  label: translated('kontorwerk-consent:contactBudget'),
})

type Stored = Partial<Record<string, Partial<ChannelBudget>>> & {
  quietHours?: { from?: null | string; until?: null | string }
}

/** The global as saved, each value falling back to the option's default (a global never saved has none). */
const contactBudgetCache = perPayloadCache(
  'consent:contactBudget',
  async (payload: Payload): Promise<ContactBudgetSettings> => {
    const { contactBudget } = consentOptions(payload)
    const stored = ((await payload.findGlobal({ depth: 0, slug: CONTACT_BUDGET as never }).catch(() => null)) ??
      {}) as Stored
    const channels = Object.fromEntries(
      BUDGET_CHANNELS.map((channel) => [
        channel,
        {
          perDay: Number(stored[channel]?.perDay ?? contactBudget.perDay),
          perWeek: Number(stored[channel]?.perWeek ?? contactBudget.perWeek),
        },
      ]),
    )
    return {
      channels,
      quietHours: {
        from: stored.quietHours?.from ?? contactBudget.quietHours.from,
        until: stored.quietHours?.until ?? contactBudget.quietHours.until,
      },
    }
  },
  5_000,
)

/** The contact budget and quiet hours in force (admins' edits reach this process at once, others within 5 s). */
export const contactBudgetSettings = (payload: Payload): Promise<ContactBudgetSettings> =>
  contactBudgetCache.get(payload)

/** One channel's budget (a channel without one of its own: the default). */
export const channelBudget = (settings: ContactBudgetSettings, channel: string): ChannelBudget =>
  settings.channels[channel] ?? settings.channels.email
