import { describe, expect, it } from 'vitest'

import type { AssembledSlot, EngineSettings, PersonalizationContext, SlotDefinition } from '../types'

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
    const library = {}
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
    expect(sharedAssembly({}, reader(at), slots, settings, fill)).not.toBe(first)
    expect(made).toBe(5)
  })
})
