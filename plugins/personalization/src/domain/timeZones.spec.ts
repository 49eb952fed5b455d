import { describe, expect, it } from 'vitest'

import { sameWallClockIn, timeZoneOf } from './timeZones'

describe("sending at the recipient's wall-clock time", () => {
  it('moves 09:00 Berlin to 09:00 in other zones, across daylight saving', () => {
    const nineInBerlin = new Date('2026-11-24T08:00:00Z')
    expect(sameWallClockIn(nineInBerlin, 'Europe/Berlin').toISOString()).toBe('2026-11-24T08:00:00.000Z')
    expect(sameWallClockIn(nineInBerlin, 'America/New_York').toISOString()).toBe('2026-11-24T14:00:00.000Z')
    expect(sameWallClockIn(nineInBerlin, 'Asia/Tokyo').toISOString()).toBe('2026-11-24T00:00:00.000Z')
    // Summer: Berlin +2, New York -4.
    expect(sameWallClockIn(new Date('2026-07-01T07:00:00Z'), 'America/New_York').toISOString()).toBe(
      '2026-07-01T13:00:00.000Z',
    )
    // 01:30 in Berlin on 29 March 2026 does not exist in London that night (01:00 GMT jumps to 02:00 BST): 02:30 BST.
    expect(sameWallClockIn(new Date('2026-03-29T00:30:00Z'), 'Europe/London').toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    )
  })

  it("takes the subscriber's zone, else their region's, else Berlin", () => {
    expect(timeZoneOf({ region: 'AT-9', timeZone: 'America/Chicago' })).toBe('America/Chicago')
    expect(timeZoneOf({ region: 'AT-9', timeZone: 'Mars/Olympus' })).toBe('Europe/Vienna')
    expect(timeZoneOf({ region: 'CH-ZH' })).toBe('Europe/Zurich')
    expect(timeZoneOf({ region: null })).toBe('Europe/Berlin')
  })
})
