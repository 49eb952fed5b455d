import { describe, expect, it } from 'vitest'

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
  metric: 'unique_click_rate',
  variants: [
    { key: 'A', share: 10 },
    { key: 'B', share: 10 },
  ],
  ...overrides,
})

describe('the A/B plan in words', () => {
  it('says equal shares once, the winner, its wait and the remainder (German and English)', () => {
    expect(plain(abPlanWords(plan(), translator(de), 'de-DE'))).toBe(
      'Variante A und B je 10 %, Gewinner nach 4 Stunden an die übrigen 80 % (gewählt nach Klickrate)',
    )
    expect(plain(abPlanWords(plan(), translator(en), 'en-GB'))).toBe(
      'Variant A and B 10% each, winner after 4 hours to the remaining 80% (chosen by click rate)',
    )
  })

  it('lists different shares, the holdout, one hour and the conversion metric', () => {
    const words = abPlanWords(
      plan({
        decideAfterHours: 1,
        holdoutPercent: 5,
        metric: 'conversion_rate',
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
      'Variante A 10 %, B 20 % und C 12,5 %, Gewinner nach 1 Stunde an die übrigen 52,5 % (gewählt nach Conversion-Rate), 5 % Kontrollgruppe ohne Mail',
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
      metric: 'unique_click_rate',
      variants: [{ key: 'A', share: 10 }],
    })
  })

  it('explains the wait for the winner with the time in the given zone', () => {
    const at = new Date(Date.now() + 3600_000)
    const expected = new Intl.DateTimeFormat('de-DE', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Berlin',
    }).format(at)
    const words = winnerWaitWords(at, 4, translator(de), 'de-DE', 'Europe/Berlin')
    expect(words).toContain(`Wartet auf den A/B-Gewinner bis `)
    expect(words).toContain(expected)
    expect(words).toContain('(4 Stunden nach dem Versand der Varianten)')
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
