import { describe, expect, it } from 'vitest'

import { abCheckTimes, checksDueAt } from '../sending/abSchedule'
import { de } from '../translations/de'
import { en } from '../translations/en'
import {
  allowedDrift,
  confirmationProblem,
  needsTypedConfirmation,
  readConfirmation,
  typedMatches,
} from './sendConfirmation'
import { type AbPlan, abPlanOf, abPlanWords, type Translate, winnerWaitWords } from './sendPlanWords'

/** The package's own translations with Payload's {{placeholder}} interpolation, as the admin's `t` does it. */
const translator =
  (words: Record<string, string>): Translate =>
  (key, vars = {}) =>
    words[key.replace('kontorwerk-campaigns:', '')].replace(/\{\{(\w+)\}\}/g, (_, name: string) => vars[name])
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ')
const plan = (overrides: Partial<AbPlan> = {}): AbPlan => ({
  decideAfterHours: 4,
  holdoutPercent: 0,
  maxTestHours: 72,
  metric: 'unique_click_rate',
  noWinnerSends: 'control',
  variants: [
    { key: 'A', share: 10 },
    { key: 'B', share: 10 },
  ],
  ...overrides,
})

describe('the A/B plan in words', () => {
  it('says equal shares once, the winner, its wait, the maximum and what goes out without a winner (German and English)', () => {
    expect(plain(abPlanWords(plan(), translator(de), 'de-DE'))).toBe(
      'Variante A und B je 10 %, Gewinner nach 4 Stunden an die übrigen 80 % (gewählt nach Klickrate, wenn der Unterschied signifikant ist; sonst nach spätestens 72 Stunden die Kontrollvariante A)',
    )
    expect(plain(abPlanWords(plan(), translator(en), 'en-GB'))).toBe(
      'Variant A and B 10% each, winner after 4 hours to the remaining 80% (chosen by click rate if the difference is significant; otherwise after 72 hours at the latest the control variant A)',
    )
  })

  it('lists different shares, the holdout, one hour and the conversion metric', () => {
    const words = abPlanWords(
      plan({
        decideAfterHours: 1,
        holdoutPercent: 5,
        maxTestHours: 1,
        metric: 'conversion_rate',
        noWinnerSends: 'leader',
        variants: [
          { key: 'A', share: 10 },
          { key: 'B', share: 20 },
          { key: 'C', share: 12.5 },
        ],
      }),
      translator(de),
      'de-DE',
    )
    expect(plain(words)).toBe(
      'Variante A 10 %, B 20 % und C 12,5 %, Gewinner nach 1 Stunde an die übrigen 52,5 % (gewählt nach Conversion-Rate, wenn der Unterschied signifikant ist; sonst nach spätestens 1 Stunde die vorn liegende Variante), 5 % Kontrollgruppe ohne Mail',
    )
  })

  it('says when nothing is left for a winner, and when there is no test at all', () => {
    const all = plan({
      variants: [
        { key: 'A', share: 50 },
        { key: 'B', share: 50 },
      ],
    })
    expect(plain(abPlanWords(all, translator(de), 'de-DE'))).toBe(
      'Variante A und B je 50 %, kein Rest für eine Gewinnervariante',
    )
    expect(abPlanWords(null, translator(de), 'de-DE')).toBe('Kein A/B-Test: alle Empfänger erhalten dieselbe Fassung')
    expect(abPlanOf({ variants: [] })).toBeNull()
    expect(abPlanOf({ variants: [{ key: 'A', share: 10 }] })).toEqual({
      decideAfterHours: 4,
      holdoutPercent: 0,
      maxTestHours: 72,
      metric: 'unique_click_rate',
      noWinnerSends: 'control',
      variants: [{ key: 'A', share: 10 }],
    })
    // A maximum stored below the decision time (before the rule existed) ends the test at the decision.
    expect(abPlanOf({ decideAfterHours: 100, maxTestHours: 72, variants: [{ key: 'A', share: 10 }] })).toMatchObject({
      maxTestHours: 100,
    })
  })

  it('explains the wait for the winner at the check times the worker uses, in the given zone', () => {
    // Started 06.12.2026 10:00 Berlin; checks at 14:00 (4 h), then evenly to 72 h: 07.12. 12:40, 08.12. 11:20, 09.12. 10:00.
    const startedAt = new Date('2026-12-06T09:00:00Z')
    const times = abCheckTimes({ decideAfterHours: 4, maxTestHours: 72 }, startedAt)
    expect(times.map((time) => time.toISOString())).toEqual([
      '2026-12-06T13:00:00.000Z',
      '2026-12-07T11:40:00.000Z',
      '2026-12-08T10:20:00.000Z',
      '2026-12-09T09:00:00.000Z',
    ])
    const words = (checks: number, now: Date, overrides: Partial<AbPlan> = {}) =>
      plain(
        winnerWaitWords(plan(overrides), times, checks, translator(de), 'de-DE', { now, timeZone: 'Europe/Berlin' }) ??
          '',
      )
    const morning = new Date('2026-12-06T10:00:00Z')
    expect(words(0, morning)).toBe(
      'Wartet auf den A/B-Gewinner bis 14:00 (4 Stunden nach dem Versand der Varianten); ohne signifikanten Unterschied länger, spätestens bis 9. Dez., 10:00',
    )
    // The first check found no winner: the words say so, with the next and the last check.
    const evening = new Date('2026-12-06T18:00:00Z')
    expect(words(1, evening)).toBe(
      'Noch kein signifikanter A/B-Gewinner. Nächste Prüfung: 7. Dez., 12:40. Letzte Prüfung: 9. Dez., 10:00; ohne Gewinner geht dann die Kontrollvariante A an die übrigen.',
    )
    expect(words(1, evening, { noWinnerSends: 'leader' })).toContain(
      'geht dann die vorn liegende Variante an die übrigen',
    )
    // A test without room to run on (maximum = decision time) is decided at its one check, as before.
    const once = abCheckTimes({ decideAfterHours: 4, maxTestHours: 4 }, startedAt)
    expect(
      winnerWaitWords(plan({ maxTestHours: 4 }), once, 0, translator(de), 'de-DE', {
        now: morning,
        timeZone: 'Europe/Berlin',
      }),
    ).toBe('Wartet auf den A/B-Gewinner bis 14:00 (4 Stunden nach dem Versand der Varianten)')
    // Past the last check the worker decides whatever the test says: no wait to explain.
    expect(words(3, new Date('2026-12-09T09:30:00Z'))).toBe('')
  })
})

describe('when an A/B test is checked', () => {
  const start = new Date('2026-12-06T09:00:00Z')
  const hoursOf = (timing: Parameters<typeof abCheckTimes>[0]) =>
    abCheckTimes(timing, start).map((time) => (time.getTime() - start.getTime()) / 3_600_000)

  it('first at the decision time, the last at the maximum, at most four times, an hour apart or more', () => {
    expect(hoursOf({})).toEqual([4, 4 + 68 / 3, 4 + (2 * 68) / 3, 72])
    expect(hoursOf({ decideAfterHours: 4, maxTestHours: 6 })).toEqual([4, 5, 6])
    expect(hoursOf({ decideAfterHours: 0.5, maxTestHours: 1 })).toEqual([0.5, 1])
    expect(hoursOf({ decideAfterHours: 4, maxTestHours: 4 })).toEqual([4])
    // A maximum stored below the decision time (before the rule): one check, at the decision time.
    expect(hoursOf({ decideAfterHours: 100, maxTestHours: 72 })).toEqual([100])
    const times = abCheckTimes({}, start)
    expect([start, times[0], new Date(times[1].getTime() - 1), times[3]].map((now) => checksDueAt(times, now))).toEqual(
      [0, 1, 1, 4],
    )
  })
})

describe('the send confirmation', () => {
  it('needs the count the dialog showed; a missing or malformed one is refused', () => {
    expect(readConfirmation(undefined)).toBeNull()
    expect(readConfirmation({ recipients: '12' })).toBeNull()
    expect(readConfirmation({ recipients: 1.5 })).toBeNull()
    expect(readConfirmation({ recipients: 3, typed: 7 })).toBeNull()
    expect(readConfirmation({ recipients: 3 })).toEqual({ recipients: 3, typed: null })
    expect(confirmationProblem(12, 'Herbst', null, 1000)?.code).toBe('CONFIRMATION_REQUIRED')
    expect(confirmationProblem(12, 'Herbst', { recipients: 12 }, 1000)).toBeNull()
  })

  it('refuses a count that moved more than 5 % (exact below 20 recipients)', () => {
    expect(allowedDrift(19)).toBe(0)
    expect(allowedDrift(200)).toBe(10)
    expect(confirmationProblem(13, 'Herbst', { recipients: 12 }, 1000)?.code).toBe('CONFIRMATION_MISMATCH')
    expect(confirmationProblem(210, 'Herbst', { recipients: 200 }, 1000)).toBeNull()
    expect(confirmationProblem(211, 'Herbst', { recipients: 200 }, 1000)?.code).toBe('CONFIRMATION_MISMATCH')
    expect(confirmationProblem(189, 'Herbst', { recipients: 200 }, 1000)?.code).toBe('CONFIRMATION_MISMATCH')
  })

  it('from the threshold on needs the count or the name typed', () => {
    expect(needsTypedConfirmation(999, 1000)).toBe(false)
    expect(needsTypedConfirmation(1000, 1000)).toBe(true)
    expect(confirmationProblem(1234, 'Herbst', { recipients: 1234 }, 1000)?.code).toBe('CONFIRMATION_TYPED')
    expect(confirmationProblem(1234, 'Herbst', { recipients: 1234, typed: '1235' }, 1000)?.code).toBe(
      'CONFIRMATION_TYPED',
    )
    for (const typed of ['1234', '1.234', '1 234', ' herbst ', 'HERBST'])
      expect(confirmationProblem(1234, 'Herbst', { recipients: 1234, typed }, 1000)).toBeNull()
    expect(typedMatches('12a34', 1234, 'Herbst')).toBe(false)
    expect(typedMatches('', 0, '')).toBe(false)
  })
})
