import { describe, expect, it } from 'vitest'

import { trackingEventIds } from './router'

describe('tracking event ids', () => {
  it('give the same link one id per minute and name the minute before, so "within a minute" is not cut at :00', () => {
    const at = Date.UTC(2026, 11, 6, 9, 0, 59, 900)
    const now = trackingEventIds('click', 's|m|b|u', at)
    const next = trackingEventIds('click', 's|m|b|u', at + 200)
    expect(trackingEventIds('click', 's|m|b|u', at - 30_000).current).toBe(now.current)
    expect(next.previous).toBe(now.current)
    expect(trackingEventIds('click', 's|m|b|OTHER', at).current).not.toBe(now.current)
    expect(trackingEventIds('open', 's|m|b|u', at).current).not.toBe(now.current)
  })
})
