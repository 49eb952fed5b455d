import { describe, expect, it } from 'vitest'

import type { AssembledSlot, BlockCandidate, EngineSettings, PersonalizationContext, SlotDefinition } from '../types'

import { sharedAssembly } from './sharedAssembly'

const settings: EngineSettings = { defaultLocale: 'de', discountGuardDays: 30 }
const slots = [{ channel: 'web', count: 1, key: 'main' }] as unknown as SlotDefinition[]
const reader = (at: number, interests: [string, number][] = []): PersonalizationContext => ({
  conversions: [],
  interests: new Map(interests),
  locale: 'de',
  now: new Date(at),
  personaFits: new Map(),
  purchases: [],
  recentBlocks: new Set(),
  wasCustomer: false,
})

describe('assemblies shared by readers of one context', () => {
  it('are reused for the same context within seconds, and made anew for another context, later, or a new library', () => {
    const library = { candidates: [] }
    let made = 0
    const fill = () => [{ choices: [], key: `made ${++made}`, label: 'Main' }] as AssembledSlot[]
    const at = Date.parse('2026-12-07T08:00:00Z')
    const first = sharedAssembly(library, reader(at), slots, settings, fill)
    expect(sharedAssembly(library, reader(at + 4_000), slots, settings, fill)).toBe(first)
    // The same interests written in another order are the same context.
    const reading = sharedAssembly(
      library,
      reader(at, [
        ['1', 0.5],
        ['2', 1],
      ]),
      slots,
      settings,
      fill,
    )
    expect(reading).not.toBe(first)
    expect(
      sharedAssembly(
        library,
        reader(at, [
          ['2', 1],
          ['1', 0.5],
        ]),
        slots,
        settings,
        fill,
      ),
    ).toBe(reading)
    expect(
      sharedAssembly(
        library,
        reader(at, [
          ['1', 0.6],
          ['2', 1],
        ]),
        slots,
        settings,
        fill,
      ),
    ).not.toBe(reading)
    expect(sharedAssembly(library, reader(at + 6_000), slots, settings, fill)).not.toBe(first)
    expect(sharedAssembly({ candidates: [] }, reader(at), slots, settings, fill)).not.toBe(first)
    expect(made).toBe(5)
  })

  it('are made anew on the other side of a moment a block becomes valid or expires', () => {
    const starts = '2026-12-24T00:00:00.000Z'
    const block = { id: 1, updatedAt: starts, validFrom: starts } as unknown as BlockCandidate
    const library = { candidates: [block] }
    let made = 0
    const fill = () => [{ choices: [], key: `made ${++made}`, label: 'Main' }] as AssembledSlot[]
    const before = sharedAssembly(library, reader(Date.parse(starts) - 2_000), slots, settings, fill)
    expect(sharedAssembly(library, reader(Date.parse(starts) - 1_000), slots, settings, fill)).toBe(before)
    expect(sharedAssembly(library, reader(Date.parse(starts)), slots, settings, fill)).not.toBe(before)
    expect(made).toBe(2)
  })
})
