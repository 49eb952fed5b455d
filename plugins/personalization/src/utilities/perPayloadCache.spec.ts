import type { Payload } from 'payload'

import { afterEach, describe, expect, it, vi } from 'vitest'

import { perPayloadCache } from './perPayloadCache'

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('per-Payload cache', () => {
  afterEach(() => vi.useRealTimers())

  it('keeps an old value while its sources show the same version, and loads again once they change', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const payload = {} as Payload
    let source = 1
    let loads = 0
    const cache = perPayloadCache(
      'spec:versioned',
      async () => {
        loads++
        return `value of ${source}`
      },
      10_000,
      { version: async () => `v${source}` },
    )
    expect(await cache.get(payload)).toBe('value of 1')
    // The first load's version is unknown (read beside it, it could be newer than the data): loaded again once.
    vi.setSystemTime(Date.now() + 11_000)
    await cache.get(payload)
    await settle()
    expect(loads).toBe(2)
    vi.setSystemTime(Date.now() + 11_000)
    expect(await cache.get(payload)).toBe('value of 1')
    await settle()
    expect(loads).toBe(2) // nothing changed: checked, not loaded

    source = 2
    vi.setSystemTime(Date.now() + 11_000)
    expect(await cache.get(payload)).toBe('value of 1') // served stale while the new one loads
    await settle()
    expect([await cache.get(payload), loads]).toEqual(['value of 2', 3])

    // This process's own edits (hooks) reload at once, whatever the version says.
    cache.invalidate(payload)
    expect([await cache.get(payload), loads]).toEqual(['value of 2', 4])
  })

  it('loads again after five minutes even when the version looks the same (commits out of timestamp order)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const payload = {} as Payload
    let loads = 0
    const cache = perPayloadCache('spec:same-version', async () => ++loads, 10_000, { version: async () => 'same' })
    await cache.get(payload)
    for (let minute = 0; minute < 7; minute++) {
      vi.setSystemTime(Date.now() + 61_000)
      await cache.get(payload)
      await settle()
    }
    // At the start, a minute later for the unknown first version, five minutes after that whatever the version.
    expect(loads).toBe(3)
  })

  it('loads again after its age when there is no version to compare, as before', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const payload = {} as Payload
    let loads = 0
    const cache = perPayloadCache('spec:no-version', async () => ++loads, 10_000)
    expect(await cache.get(payload)).toBe(1)
    vi.setSystemTime(Date.now() + 11_000)
    await cache.get(payload)
    await settle()
    expect(await cache.get(payload)).toBe(2)
  })

  it('is one cache per name in the process: an edit seen by one copy of the module reloads what another serves', async () => {
    // Next's route bundles and the express server each load this module: two caches of one name stand for them.
    const payload = {} as Payload
    let catalog = 'before the import'
    const load = async () => catalog
    const servedByGraphql = perPayloadCache('spec:shared', load, 10_000)
    const hooksOfRest = perPayloadCache('spec:shared', load, 10_000)
    expect(await servedByGraphql.get(payload)).toBe('before the import')
    catalog = 'after the import'
    hooksOfRest.hooks.afterChange[0]({ req: { payload } })
    expect(await servedByGraphql.get(payload)).toBe('after the import')
    // Another name is another cache.
    expect(await perPayloadCache('spec:other', async () => 'other', 10_000).get(payload)).toBe('other')
  })
})
