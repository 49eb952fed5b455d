import { describe, expect, it } from 'vitest'

import type { Campaign } from '../documents'

import { de } from '../translations/de'
import { type AbTestReport, abTestReport } from './abTestReport'
import { abTestWords } from './abTestWords'
import { reportFormat } from './reportFormat'

/** The German texts with Payload's {{placeholder}} interpolation; non-breaking spaces as plain ones. */
const german = (key: string, vars: Record<string, string> = {}) =>
  (de as Record<string, string>)[key.replace('kontorwerk-campaigns:', '')].replace(
    /\{\{(\w+)\}\}/g,
    (_, name) => vars[name],
  )
const words = (test: AbTestReport, status = 'done') =>
  abTestWords(test, status, german, reportFormat('de')).map((text) => text.replace(/[\u00a0\u202f]/g, ' '))

const campaign = (abTest: Campaign['abTest'], rest: Partial<Campaign> = {}) =>
  ({ abTest, id: 1, startedAt: '2026-12-06T09:00:00.000Z', status: 'sending', ...rest }) as Campaign
const variants = [
  { key: 'A', share: 20 },
  { key: 'B', share: 20 },
]

describe('the A/B test in the report', () => {
  it('is stored state, with the check times of the worker; none without a rest that waits', () => {
    expect(abTestReport(campaign({ variants }))).toMatchObject({
      checks: 0,
      control: 'A',
      latestAt: '2026-12-09T09:00:00.000Z',
      nextCheckAt: '2026-12-06T13:00:00.000Z',
      noWinnerSends: 'control',
      plannedChecks: 4,
      sent: null,
    })
    expect(abTestReport(campaign({ holdoutPercent: 60, variants }))).toBeNull()
    expect(abTestReport(campaign({ variants: [] }))).toBeNull()
    const decided = abTestReport(
      campaign(
        { noWinnerSends: 'leader', variants, winnerMetric: 'conversion_rate' },
        {
          abDecision: {
            checks: 4,
            decidedAt: '2026-12-09T09:00:10.000Z',
            leader: 'B',
            outcome: 'leader',
            pValue: 0.1593,
          },
          abWinner: 'B',
        },
      ),
    )!
    expect(decided).toMatchObject({ checks: 4, nextCheckAt: null, outcome: 'leader', sent: 'B', significant: false })
    expect(decided.confidence).toBeCloseTo(0.8407, 4)
  })

  it('says what was sent and why, in German', () => {
    const base = abTestReport(campaign({ variants }))!
    expect(
      words({ ...base, confidence: 0.99996, outcome: 'winner', pValue: 0.00004, reason: 'significant', sent: 'B' }),
    ).toEqual([
      'Variante B gewinnt (über 99,9 % Konfidenz nach Klickrate, verlangt sind 95 %) und ging an die übrigen Empfänger.',
    ])
    expect(
      words({
        ...base,
        confidence: 0.8407,
        leader: 'B',
        metric: 'conversion_rate',
        outcome: 'leader',
        reason: 'not_significant',
        sent: 'B',
      }),
    ).toEqual([
      'Kein signifikanter Gewinner – gesendet wurde Variante B (vorn, aber ohne signifikanten Abstand).',
      'Letzte Prüfung: Variante B lag vorn, mit 84,1 % Konfidenz nach Conversion-Rate (verlangt sind 95 %).',
    ])
    expect(words({ ...base, leader: 'B', outcome: 'control', reason: 'sample_too_small', sent: 'A' })).toEqual([
      'Kein signifikanter Gewinner – gesendet wurde Variante A (Kontrolle).',
      'Letzte Prüfung: zu wenige Klicks für einen verlässlichen Vergleich.',
    ])
  })

  it('while it runs: the first check, or the checks made, the next and the last; nothing before the start', () => {
    const base = abTestReport(campaign({ variants }))!
    expect(words(base, 'sending')).toEqual([
      'Erste Prüfung: 06.12.2026 14:00. Letzte Prüfung: 09.12.2026 10:00; ohne Gewinner geht dann die Kontrollvariante A an die übrigen.',
    ])
    expect(words(base, 'cancelled')).toEqual(['Nicht entschieden: Die Kampagne wurde abgebrochen.'])
    expect(words(abTestReport(campaign({ variants }, { startedAt: null }))!, 'scheduled')).toEqual([])
  })
})
