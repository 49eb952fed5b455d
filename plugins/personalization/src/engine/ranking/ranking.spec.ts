import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import type { BlockCandidate, PersonalizationContext, RankingStrategy } from '../types'

import { rank } from './ranking'

const DAY = 24 * 60 * 60 * 1000
const now = new Date('2026-12-07T08:00:00Z')

// Few distinct values, so scores, priorities and dates tie often and the tie-breaks decide.
const block = fc.record({
  ageDays: fc.constantFrom(0, 10, 40),
  id: fc.integer({ max: 400, min: 1 }),
  interests: fc.subarray(['1', '2', '3']),
  personas: fc.subarray(['p1', 'p2']),
  priority: fc.constantFrom(10, 50, 90),
  stages: fc.subarray(['lead', 'customer']),
})
const blocks = fc.uniqueArray(block, { maxLength: 30, selector: (entry) => entry.id }).map((entries) =>
  entries.map((entry): BlockCandidate => ({
    channels: ['email'],
    id: entry.id,
    interests: entry.interests,
    isFallback: false,
    locale: 'de',
    personas: entry.personas,
    priority: entry.priority,
    stages: entry.stages,
    title: `Block ${entry.id}`,
    updatedAt: new Date(now.getTime() - entry.ageDays * DAY).toISOString(),
  })),
)
const reader = fc.record({ interest: fc.constantFrom('1', '2', '3'), stage: fc.constantFrom('lead', 'customer', null) })

describe('ranking', () => {
  it('picks the best few in the order a full sort gives, for every strategy, however the scores tie', () => {
    fc.assert(
      fc.property(
        blocks,
        reader,
        fc.constantFrom<RankingStrategy>('freshness', 'priority', 'relevance'),
        fc.integer({ max: 5, min: 1 }),
        (candidates, { interest, stage }, strategy, limit) => {
          const context = {
            interests: new Map([[interest, 0.8]]),
            now,
            personaFits: new Map([['p1', 0.6]]),
            stage,
          } as unknown as PersonalizationContext
          const ids = (ranked: ReturnType<typeof rank>) => ranked.map((entry) => entry.block.id)
          const everyone = rank(candidates, context, strategy)
          expect(ids(rank(candidates, context, strategy, limit))).toEqual(ids(everyone).slice(0, limit))
          // Ids break the last ties numerically: block 9 before block 10.
          for (let index = 1; index < everyone.length; index++) {
            const [before, after] = [everyone[index - 1], everyone[index]]
            const tied =
              before.score === after.score &&
              before.block.priority === after.block.priority &&
              before.block.updatedAt === after.block.updatedAt &&
              before.components.freshness === after.components.freshness
            if (tied) expect(Number(before.block.id)).toBeLessThan(Number(after.block.id))
          }
        },
      ),
      { numRuns: 500 },
    )
  })
})
