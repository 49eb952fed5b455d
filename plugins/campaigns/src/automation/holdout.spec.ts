import { describe, expect, it } from 'vitest'

import { stablePercent } from '../utilities/stablePercent'
import { holdoutGroupOf } from './holdout'

const PEOPLE = Array.from({ length: 20_000 }, (_, index) => String(index + 1))

describe('the holdout of an automation, drawn at enrolment', () => {
  const automation = { holdoutPercent: 10, id: 7 }

  it('holds out the share set (±1 point of 20,000), the same way every time', () => {
    const held = PEOPLE.filter((subscriber) => holdoutGroupOf(automation, subscriber) === 'holdout')
    expect(Math.abs((held.length / PEOPLE.length) * 100 - 10)).toBeLessThan(1)
    for (const subscriber of PEOPLE.slice(0, 500))
      expect(holdoutGroupOf({ ...automation }, subscriber)).toBe(holdoutGroupOf(automation, subscriber))
  })

  it('draws nobody without a holdout: such an enrolment is no part of a comparison', () => {
    expect(holdoutGroupOf({ holdoutPercent: 0, id: 7 }, '1')).toBeNull()
    expect(holdoutGroupOf({ holdoutPercent: null, id: 7 }, '1')).toBeNull()
    expect(holdoutGroupOf({ id: 7 }, '1')).toBeNull()
  })

  it('keeps everyone held out at 10 % in the holdout at 20 %: a larger share only adds people', () => {
    for (const subscriber of PEOPLE)
      if (holdoutGroupOf(automation, subscriber) === 'holdout')
        expect(holdoutGroupOf({ ...automation, holdoutPercent: 20 }, subscriber)).toBe('holdout')
  })

  it('draws apart from the A/B groups of campaign 7, so one holdout does not measure the other', () => {
    // Independent draws overlap in 10 % · 10 % = 1 % of the people (200); the same draw would in 10 % (2,000).
    const both = PEOPLE.filter(
      (subscriber) => holdoutGroupOf(automation, subscriber) === 'holdout' && stablePercent('7', subscriber) < 10,
    )
    expect(both.length).toBeGreaterThan(100)
    expect(both.length).toBeLessThan(300)
  })
})
