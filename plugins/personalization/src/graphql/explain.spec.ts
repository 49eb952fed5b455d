import { describe, expect, it } from 'vitest'

import type { Reason } from '../engine/types'

import { explain } from './personalization'

const base = { localeFallback: false, matchedInterests: [], matchedPersona: null, matchedStage: null, score: 0 }

describe('the explanation next to a reason', () => {
  it('says in German, then English on request, which fallback gave way and why', () => {
    const reason: Reason = {
      ...base,
      excluded: { guard_discount_after_purchase: 1 },
      kind: 'fallback',
      replaced: { block: '7', rule: 'guard_acquisition_for_customer', title: '30 Tage kostenlos testen' },
    }
    expect(explain(reason)).toBe(
      'Fallback: kein Block passte (ausgeschlossen: guard_discount_after_purchase ×1); statt „30 Tage kostenlos testen“ (guard_acquisition_for_customer)',
    )
    expect(explain(reason, 'en')).toBe(
      'Fallback: no block qualified (excluded: guard_discount_after_purchase ×1); instead of "30 Tage kostenlos testen" (guard_acquisition_for_customer)',
    )
  })

  it('names the matched region of a ranked block, and a pinned block as pinned', () => {
    const ranked: Reason = { ...base, kind: 'ranked', matchedInterests: ['lohn'], matchedRegion: 'AT', score: 52.5 }
    expect(explain(ranked)).toBe('Score 52.5 aus Interessen lohn; Region AT')
    expect(explain({ ...base, kind: 'pinned' }, 'en')).toBe(
      'Fixed by a version of the newsletter (e.g. an A/B variant)',
    )
  })
})
