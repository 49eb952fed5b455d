import { describe, expect, it } from 'vitest'

import type { RuleGroup } from '../rules/types'
import type { Environment } from './environment'

import { whereSuperset } from './whereSuperset'

const env = {
  now: new Date('2026-06-15T12:00:00.000Z'),
  stageOrder: new Map([
    ['1', 10],
    ['2', 20],
    ['3', 30],
  ]),
} as unknown as Environment
const clicks = {
  field: 'events',
  operator: 'atLeast',
  value: { count: 2, days: 30, interest: null, type: 'email_clicked' },
} as const
const german = { field: 'locale', operator: '=', value: 'de' } as const
/** `locale = de` covers the German regions (de-AT …) too. */
const germanLocales = { locale: { in: expect.arrayContaining(['de', 'de-AT', 'de-CH', 'de-DE']) } }

describe('the where that narrows the in-memory scan (MongoDB)', () => {
  it('keeps what where can say and leaves the rest to memory', () => {
    const tree: RuleGroup = {
      combinator: 'and',
      rules: [german, clicks, { field: 'stage', operator: 'atLeast', value: '2' }],
    }
    expect(whereSuperset(tree, env)).toEqual({ and: [germanLocales, { stage: { in: ['2', '3'] } }] })
  })

  it('gives up on an OR with a part it cannot say (any member could come from that part)', () => {
    expect(whereSuperset({ combinator: 'or', rules: [german, clicks] }, env)).toBeNull()
    expect(
      whereSuperset({ combinator: 'or', rules: [german, { field: 'persona', operator: 'is', value: '4' }] }, env),
    ).toEqual({
      or: [germanLocales, { persona: { equals: '4' } }],
    })
  })

  it('negates under NOT by De Morgan, counting a missing value as different', () => {
    const notGermanOrPaused: RuleGroup = {
      combinator: 'or',
      not: true,
      rules: [german, { field: 'paused', operator: 'is', value: null }],
    }
    expect(whereSuperset(notGermanOrPaused, env)).toEqual({
      and: [
        { or: [{ locale: { not_equals: 'de' } }, { locale: { exists: false } }] },
        {
          or: [
            { 'preferences.pausedUntil': { less_than_equal: '2026-06-15T12:00:00.000Z' } },
            { 'preferences.pausedUntil': { exists: false } },
          ],
        },
      ],
    })
    // "Stage at least" has no exact negation in where: under NOT it is left to memory.
    expect(
      whereSuperset(
        { combinator: 'and', not: true, rules: [{ field: 'stage', operator: 'atLeast', value: '2' }] },
        env,
      ),
    ).toBeNull()
  })
})
