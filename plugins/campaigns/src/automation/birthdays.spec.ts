import { describe, expect, it } from 'vitest'

import { birthdaysCelebratedOn } from './birthdays'

describe('birthdaysCelebratedOn', () => {
  it('is the month and day for an ordinary date', () => {
    expect(birthdaysCelebratedOn(new Date('2026-11-23T08:00:00Z'))).toEqual(['11-23'])
    expect(birthdaysCelebratedOn(new Date('2026-01-05T23:59:00Z'))).toEqual(['01-05'])
  })

  it('celebrates 29 February birthdays on 28 February in common years, and on the day itself in leap years', () => {
    expect(birthdaysCelebratedOn(new Date('2027-02-28T10:00:00Z'))).toEqual(['02-28', '02-29'])
    expect(birthdaysCelebratedOn(new Date('2028-02-28T10:00:00Z'))).toEqual(['02-28'])
    expect(birthdaysCelebratedOn(new Date('2028-02-29T10:00:00Z'))).toEqual(['02-29'])
    expect(birthdaysCelebratedOn(new Date('2100-02-28T10:00:00Z'))).toEqual(['02-28', '02-29'])
  })
})
