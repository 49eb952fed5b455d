import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import type { ConsentEvent } from './consentState'

import { defaults } from '../defaults'
import { canContact, canTrack, type ContactProfile } from './canContact'
import { consentStatus } from './consentState'

const DAY = 86_400_000
const T0 = Date.parse('2026-11-01T08:00:00Z')
const at = (day: number) => new Date(T0 + day * DAY)
const event = (
  day: number,
  action: ConsentEvent['action'],
  topic: null | string = 'news',
  channel = 'email',
): ConsentEvent => ({
  action,
  channel,
  occurredAt: at(day),
  purpose: 'marketing',
  topic,
})
const ask = (profile: ContactProfile, day: number, extra: Partial<Parameters<typeof canContact>[1]> = {}) =>
  canContact(profile, { at: at(day), channel: 'email', topic: 'news', ...extra }, defaults.contactBudget)

describe('canContact — worked examples', () => {
  it('needs the double opt-in to be confirmed', () => {
    expect(ask({ consents: [], recentContacts: [] }, 1)).toEqual({ allowed: false, reason: 'no_consent' })
    expect(ask({ consents: [event(0, 'requested')], recentContacts: [] }, 1)).toEqual({
      allowed: false,
      reason: 'pending_confirmation',
    })
    expect(ask({ consents: [event(0, 'requested'), event(0, 'confirmed')], recentContacts: [] }, 1)).toEqual({
      allowed: true,
      reason: 'ok',
    })
  })

  it('honours withdrawal of the topic and of everything, and a later re-subscription', () => {
    const confirmed = [event(0, 'requested'), event(0, 'confirmed')]
    expect(ask({ consents: [...confirmed, event(3, 'withdrawn')], recentContacts: [] }, 4).reason).toBe('withdrawn')
    expect(ask({ consents: [...confirmed, event(3, 'withdrawn', null)], recentContacts: [] }, 4).reason).toBe(
      'withdrawn',
    )
    expect(ask({ consents: [...confirmed, event(3, 'withdrawn', 'other')], recentContacts: [] }, 4).reason).toBe('ok')
    const back = [...confirmed, event(3, 'withdrawn', null), event(5, 'requested'), event(5, 'confirmed')]
    expect(ask({ consents: back, recentContacts: [] }, 6).reason).toBe('ok')
  })

  it('does not let a repeated sign-up reset a confirmed consent', () => {
    expect(
      ask({ consents: [event(0, 'requested'), event(0, 'confirmed'), event(2, 'requested')], recentContacts: [] }, 3)
        .reason,
    ).toBe('ok')
  })

  it('keeps consent per channel', () => {
    const emailOnly = [event(0, 'confirmed')]
    expect(ask({ consents: emailOnly, recentContacts: [] }, 1, { channel: 'sms' }).reason).toBe('no_consent')
  })

  it('respects chosen channels, a pause, the frequency and the system budget (the tightest wins, reason budget)', () => {
    const consents = [event(0, 'confirmed')]
    expect(ask({ consents, preferences: { channels: ['sms'] }, recentContacts: [] }, 1).reason).toBe('channel_opt_out')
    expect(ask({ consents, preferences: { pausedUntil: at(10) }, recentContacts: [] }, 5).reason).toBe('paused')
    expect(ask({ consents, preferences: { pausedUntil: at(10) }, recentContacts: [] }, 10).reason).toBe('ok')
    expect(ask({ consents, preferences: { frequency: 'weekly' }, recentContacts: [at(4)] }, 8).reason).toBe('budget')
    expect(ask({ consents, preferences: { frequency: 'weekly' }, recentContacts: [at(4)] }, 11.5).reason).toBe('ok')
    expect(ask({ consents, preferences: { frequency: 'monthly' }, recentContacts: [at(1)] }, 25).reason).toBe('budget')
    expect(ask({ consents, preferences: { frequency: 'important_only' }, recentContacts: [] }, 1).reason).toBe(
      'frequency_cap',
    )
    expect(
      ask({ consents, preferences: { frequency: 'important_only' }, recentContacts: [] }, 1, { important: true })
        .reason,
    ).toBe('ok')
    // Three important messages this week: the system's weekly limit stops the fourth, whatever the subscriber chose.
    expect(
      ask({ consents, preferences: { frequency: 'important_only' }, recentContacts: [at(1), at(2), at(3)] }, 4, {
        important: true,
      }).reason,
    ).toBe('budget')
    // One today already: the daily limit (1) stops a second, important or not.
    expect(
      ask({ consents, preferences: { frequency: 'important_only' }, recentContacts: [at(3.9)] }, 4, {
        important: true,
      }).reason,
    ).toBe('budget')
  })

  it('lets a message of higher priority waiting for the person take the budget first', () => {
    const consents = [event(0, 'confirmed')]
    const free = { consents, preferences: { frequency: 'important_only' as const }, recentContacts: [] }
    expect(ask(free, 4, { important: true }).reason).toBe('ok')
    // One higher message reserved and a daily limit of 1: nothing left for this one today.
    expect(ask(free, 4, { important: true, reserved: 1 }).reason).toBe('budget')
    // A daily limit of 2: the reserved one and this one both fit.
    expect(
      canContact(
        free,
        { at: at(4), channel: 'email', important: true, reserved: 1, topic: 'news' },
        {
          perDay: 2,
          perWeek: 3,
        },
      ).reason,
    ).toBe('ok')
  })

  it('treats tracking as its own purpose', () => {
    expect(canTrack([event(0, 'confirmed')])).toBe(false)
    expect(canTrack([{ ...event(0, 'confirmed', null), purpose: 'tracking' }])).toBe(true)
    expect(
      canTrack([
        { ...event(0, 'confirmed', null), purpose: 'tracking' },
        { ...event(1, 'withdrawn', null), purpose: 'tracking' },
      ]),
    ).toBe(false)
  })
})

/** Random lives of a subscriber: sign-ups, confirmations, withdrawals, pauses and sends. */
const step = fc.oneof(
  fc.record({ kind: fc.constant('subscribe' as const), topic: fc.constantFrom('news', 'offers', null) }),
  fc.record({ kind: fc.constant('confirm' as const), topic: fc.constantFrom('news', 'offers', null) }),
  fc.record({ kind: fc.constant('withdraw' as const), topic: fc.constantFrom('news', 'offers', null) }),
  fc.record({ days: fc.integer({ max: 20, min: 0 }), kind: fc.constant('pause' as const) }),
  fc.record({ kind: fc.constant('send' as const), topic: fc.constantFrom('news', 'offers'), important: fc.boolean() }),
)

describe('canContact — no path sends marketing without a confirmed, unwithdrawn consent', () => {
  it('holds for random sequences of subscribe, confirm, withdraw, pause and send', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 40 }),
        fc.constantFrom('weekly', 'monthly', 'important_only'),
        (steps, frequency) => {
          const profile: ContactProfile & { preferences: NonNullable<ContactProfile['preferences']> } = {
            consents: [],
            preferences: { frequency, pausedUntil: null },
            recentContacts: [],
          }
          const pending = new Set<null | string>()
          steps.forEach((s, index) => {
            const now = at(index)
            if (s.kind === 'subscribe') {
              profile.consents.push(event(index, 'requested', s.topic))
              pending.add(s.topic)
            } else if (s.kind === 'confirm' && pending.has(s.topic)) {
              // Only a pending sign-up can be confirmed (the link in the DOI mail).
              profile.consents.push(event(index, 'confirmed', s.topic))
              pending.delete(s.topic)
            } else if (s.kind === 'withdraw') {
              profile.consents.push(event(index, 'withdrawn', s.topic))
            } else if (s.kind === 'pause') {
              profile.preferences.pausedUntil = at(index + s.days)
            } else if (s.kind === 'send') {
              const decision = canContact(
                profile,
                { at: now, channel: 'email', important: s.important, topic: s.topic },
                defaults.contactBudget,
              )
              const relevant = profile.consents.filter((c) => c.topic == null || c.topic === s.topic)
              const lastWithdrawal = relevant.map((c) => c.action).lastIndexOf('withdrawn')
              const confirmedSince = relevant.slice(lastWithdrawal + 1).some((c) => c.action === 'confirmed')
              if (decision.allowed) {
                expect(confirmedSince).toBe(true)
                expect(new Date(profile.preferences.pausedUntil ?? 0).getTime()).toBeLessThanOrEqual(now.getTime())
                if (frequency === 'important_only') expect(s.important).toBe(true)
                profile.recentContacts.push(now)
              } else if (!confirmedSince) {
                expect(['no_consent', 'pending_confirmation', 'withdrawn']).toContain(decision.reason)
              }
              expect(consentStatus(profile.consents, 'marketing', 'email', s.topic) === 'granted').toBe(confirmedSince)
            }
          })
          const weeks = new Map<number, number>()
          for (const sent of profile.recentContacts) {
            const start = Math.floor(((sent.valueOf() as number) - T0) / DAY)
            for (let day = start; day < start + 7; day++) weeks.set(day, (weeks.get(day) ?? 0) + 1)
          }
          // Never more than the system's weekly limit in any 7-day window (sends are a day apart here).
          expect(Math.max(0, ...weeks.values())).toBeLessThanOrEqual(defaults.contactBudget.perWeek)
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 500) },
    )
  })
})

describe('canContact — deliverability', () => {
  const confirmed = [event(0, 'requested'), event(0, 'confirmed')]
  it('stops email to a hard-bounced address until an email opt-in is confirmed after the bounce', () => {
    expect(ask({ consents: confirmed, recentContacts: [], undeliverableSince: at(2) }, 3)).toEqual({
      allowed: false,
      reason: 'undeliverable',
    })
    // Other channels are not affected: the bounce says nothing about a phone number.
    expect(
      ask(
        {
          consents: [...confirmed, event(0, 'confirmed', 'news', 'sms')],
          recentContacts: [],
          undeliverableSince: at(2),
        },
        3,
        { channel: 'sms' },
      ).reason,
    ).toBe('ok')
    // A confirmation before the bounce does not help; one after it proves the mailbox works.
    expect(
      ask({ consents: [...confirmed, event(1, 'confirmed')], recentContacts: [], undeliverableSince: at(2) }, 3).reason,
    ).toBe('undeliverable')
    expect(
      ask(
        {
          consents: [...confirmed, event(4, 'requested'), event(4, 'confirmed')],
          recentContacts: [],
          undeliverableSince: at(2),
        },
        5,
      ).reason,
    ).toBe('ok')
  })
})
