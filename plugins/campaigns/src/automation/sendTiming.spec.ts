import { describe, expect, it } from 'vitest'

import { earliestRunSend, earliestSend, quietHoursEnd } from './sendTiming'

const NIGHT = { from: '20:00', until: '08:00' }
const utc = (iso: string) => new Date(iso)

describe('quiet hours in the recipient’s own clock', () => {
  it('holds an evening mail until 08:00 the next morning, a night mail until 08:00 the same morning', () => {
    // 21:30 in Berlin (winter, UTC+1) → 08:00 Berlin next day.
    expect(quietHoursEnd(utc('2026-12-06T20:30:00Z'), NIGHT, 'Europe/Berlin')).toEqual(utc('2026-12-07T07:00:00Z'))
    // 07:59 in Berlin → 08:00 the same day.
    expect(quietHoursEnd(utc('2026-12-07T06:59:00Z'), NIGHT, 'Europe/Berlin')).toEqual(utc('2026-12-07T07:00:00Z'))
    // Exactly 20:00 is quiet, exactly 08:00 is not.
    expect(quietHoursEnd(utc('2026-12-06T19:00:00Z'), NIGHT, 'Europe/Berlin')).toEqual(utc('2026-12-07T07:00:00Z'))
    expect(quietHoursEnd(utc('2026-12-07T07:00:00Z'), NIGHT, 'Europe/Berlin')).toBeNull()
    expect(quietHoursEnd(utc('2026-12-07T11:00:00Z'), NIGHT, 'Europe/Berlin')).toBeNull()
  })

  it('uses each recipient’s zone and daylight-saving time', () => {
    // 12:00 in Berlin is 06:00 in New York: quiet there until 08:00 New York (13:00Z).
    expect(quietHoursEnd(utc('2026-12-07T11:00:00Z'), NIGHT, 'America/New_York')).toEqual(utc('2026-12-07T13:00:00Z'))
    // Summer time in Berlin (UTC+2): 21:00 local → 06:00Z next day.
    expect(quietHoursEnd(utc('2026-07-01T19:00:00Z'), NIGHT, 'Europe/Berlin')).toEqual(utc('2026-07-02T06:00:00Z'))
    // The night the clocks go forward (29 March 2026): 23:00 CET → 08:00 CEST.
    expect(quietHoursEnd(utc('2026-03-28T22:00:00Z'), NIGHT, 'Europe/Berlin')).toEqual(utc('2026-03-29T06:00:00Z'))
  })

  it('knows quiet hours within one day, and none when both ends are equal', () => {
    const lunch = { from: '12:00', until: '14:00' }
    expect(quietHoursEnd(utc('2026-12-07T12:00:00Z'), lunch, 'Europe/Berlin')).toEqual(utc('2026-12-07T13:00:00Z'))
    expect(quietHoursEnd(utc('2026-12-07T14:00:00Z'), lunch, 'Europe/Berlin')).toBeNull()
    expect(quietHoursEnd(utc('2026-12-06T22:00:00Z'), { from: '00:00', until: '00:00' }, 'Europe/Berlin')).toBeNull()
  })
})

describe('the earliest send of a behaviour-triggered mail', () => {
  const base = { cooldownMinutes: 30, quietHours: NIGHT, timeZone: 'Europe/Berlin' }

  it('waits the cool-down after the trigger, not after the worker noticed', () => {
    // Purchase at 11:00 Berlin, the worker runs at 11:05: not before 11:30.
    expect(
      earliestSend({ ...base, now: utc('2026-12-07T10:05:00Z'), triggeredAt: utc('2026-12-07T10:00:00Z') }),
    ).toEqual(utc('2026-12-07T10:30:00Z'))
    // The worker comes late (12:00): at once.
    expect(
      earliestSend({ ...base, now: utc('2026-12-07T11:00:00Z'), triggeredAt: utc('2026-12-07T10:00:00Z') }),
    ).toEqual(utc('2026-12-07T11:00:00Z'))
  })

  it('does not drop a mail whose cool-down ends in the quiet hours: it goes at 08:00', () => {
    // Click at 19:45 Berlin: cool-down ends 20:15, quiet → 08:00 next morning.
    expect(
      earliestSend({ ...base, now: utc('2026-12-07T18:45:00Z'), triggeredAt: utc('2026-12-07T18:45:00Z') }),
    ).toEqual(utc('2026-12-08T07:00:00Z'))
  })
})

describe('commerce reminders keep the quiet hours; their wait counts as the cool-down', () => {
  const clock = (now: string) => ({ now: utc(now), quietHours: NIGHT, timeZone: 'Europe/Berlin' })

  it('holds a cart reminder run created at 21:00 Berlin until 08:00 the next morning', () => {
    // 7 December 2026, 21:00 Berlin (UTC+1) = 20:00Z → 8 December, 08:00 Berlin = 07:00Z.
    const cart = { abandonHours: 4, cooldownMinutes: null, trigger: 'cart_abandoned' as const }
    expect(earliestRunSend(cart, utc('2026-12-07T20:00:00Z'), clock('2026-12-07T20:00:00Z'))).toEqual(
      utc('2026-12-08T07:00:00Z'),
    )
    const browse = { ...cart, trigger: 'browse_abandoned' as const }
    expect(earliestRunSend(browse, utc('2026-12-07T20:00:00Z'), clock('2026-12-07T20:01:00Z'))).toEqual(
      utc('2026-12-08T07:00:00Z'),
    )
  })

  it('sends a cart reminder run created at 14:00 with abandonHours 4 at once: no extra 30 minutes', () => {
    // 14:00 Berlin = 13:00Z; the cart was left at 10:00, four hours are more than the 30-minute cool-down.
    const cart = { abandonHours: 4, cooldownMinutes: null, trigger: 'cart_abandoned' as const }
    expect(earliestRunSend(cart, utc('2026-12-07T13:00:00Z'), clock('2026-12-07T13:00:00Z'))).toEqual(
      utc('2026-12-07T13:00:00Z'),
    )
  })

  it('still gives a birthday run its 30-minute cool-down (abandonHours do not apply to it)', () => {
    const birthday = { abandonHours: 4, cooldownMinutes: null, trigger: 'birthday' as const }
    expect(earliestRunSend(birthday, utc('2026-12-07T13:00:00Z'), clock('2026-12-07T13:00:00Z'))).toEqual(
      utc('2026-12-07T13:30:00Z'),
    )
  })
})
