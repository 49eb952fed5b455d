import { describe, expect, it } from 'vitest'

import type { Reason } from '../types'

import { reasonStatements } from './reasonStatements'
import { explanationLanguage, type ReasonLabels, reasonText } from './reasonText'

const base = { localeFallback: false, matchedInterests: [], matchedPersona: null, matchedStage: null, score: 0 }

const labels: ReasonLabels = {
  interests: new Map([
    ['e-rechnung', 'E-Rechnung'],
    ['dsgvo', 'DSGVO'],
  ]),
  personas: new Map([['it-administration', 'IT-Administratorin']]),
  regions: new Map([['AT', 'Österreich']]),
  stages: new Map([['repeat_customer', 'Stammkunde']]),
}

const say = (reason: Reason, language: 'de' | 'en', names: ReasonLabels | undefined = labels) =>
  reasonText(reasonStatements(reason), { labels: names, language })

describe('the reason as a sentence for an editor', () => {
  const ranked: Reason = {
    ...base,
    kind: 'ranked',
    matchedInterests: ['e-rechnung', 'dsgvo'],
    matchedPersona: 'it-administration',
    matchedRegion: 'AT',
    matchedStage: 'repeat_customer',
    score: 95.498,
  }

  it('writes the score as the admin language writes numbers, one decimal', () => {
    expect(say(ranked, 'de')).toMatch(/^Score 95,5 aus /)
    expect(say(ranked, 'en')).toMatch(/^Score 95\.5 from /)
    expect(say({ ...ranked, score: 1234.56 }, 'de')).toMatch(/^Score 1\.234,6 /)
    expect(say({ ...ranked, score: 1234.56 }, 'en')).toMatch(/^Score 1,234\.6 /)
  })

  it('names interests, persona, stage and region by their labels, not their slugs and keys', () => {
    expect(say(ranked, 'de')).toBe(
      'Score 95,5 aus Interessen E-Rechnung und DSGVO; Persona IT-Administratorin; Phase Stammkunde; Region Österreich',
    )
    expect(say(ranked, 'en')).toBe(
      'Score 95.5 from interests E-Rechnung and DSGVO; persona IT-Administratorin; stage Stammkunde; region Österreich',
    )
  })

  it('shows the key where no label is known (a tag deleted since), rather than nothing', () => {
    expect(say({ ...base, kind: 'ranked', matchedInterests: ['lohn'], score: 52 }, 'de', undefined)).toBe(
      'Score 52 aus Interessen lohn',
    )
  })

  it('says when only priority and freshness counted', () => {
    expect(say({ ...base, kind: 'ranked', score: 12.25 }, 'de')).toBe('Score 12,3 (nur Priorität und Aktualität)')
    expect(say({ ...base, kind: 'ranked', score: 12.25 }, 'en')).toBe('Score 12.3 (priority and freshness only)')
  })

  it('says which rules left only the fallback, and what it stands in for, in words', () => {
    const fallback: Reason = {
      ...base,
      excluded: { guard_discount_after_purchase: 1, locale: 1200 },
      kind: 'fallback',
      replaced: { block: '7', rule: 'guard_acquisition_for_customer', title: '30 Tage kostenlos testen' },
    }
    expect(say(fallback, 'de')).toBe(
      'Fallback: kein Block passte (ausgeschlossen: 1 × Rabatt kurz nach dem Kauf, 1.200 × andere Sprache); statt „30 Tage kostenlos testen“ (Neukundenangebot für (frühere) Kunden)',
    )
    expect(say(fallback, 'en')).toBe(
      'Fallback: no block qualified (excluded: 1 × discount soon after the purchase, 1,200 × other language); instead of "30 Tage kostenlos testen" (acquisition offer for a (former) customer)',
    )
    expect(say({ ...base, excluded: { rule_of_an_extension: 2 }, kind: 'fallback' }, 'de')).toBe(
      'Fallback: kein Block passte (ausgeschlossen: 2 × rule_of_an_extension)',
    )
  })

  it('calls a pinned block pinned', () => {
    expect(say({ ...base, kind: 'pinned' }, 'de')).toBe(
      'Fest gesetzt von einer Version des Newsletters (z. B. A/B-Variante)',
    )
    expect(say({ ...base, kind: 'pinned' }, 'en')).toBe('Fixed by a version of the newsletter (e.g. an A/B variant)')
  })

  it('is built from coded statements a frontend could word itself', () => {
    expect(reasonStatements(ranked)).toEqual([
      { code: 'score', params: { score: 95.498 } },
      { code: 'interests', params: { slugs: ['e-rechnung', 'dsgvo'] } },
      { code: 'persona', params: { slug: 'it-administration' } },
      { code: 'stage', params: { key: 'repeat_customer' } },
      { code: 'region', params: { code: 'AT' } },
    ])
  })

  it('reads German without an admin language and for German variants, English for any other', () => {
    expect([undefined, 'de', 'de-AT', 'en', 'fr'].map(explanationLanguage)).toEqual(['de', 'de', 'de', 'en', 'en'])
  })
})
