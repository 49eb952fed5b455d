import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { EventConsumer } from './consumers'

import { testedDatabases } from '../../../../tests/helpers/databases'
import { type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { EVENTS } from '../collections/Events'
import { extensionsOf } from '../extensions'
import { recordEvents } from './intake'
import { ROUND_LIMIT, type RoundEntry, storeInRounds, takeRound, waitingBatches } from './intakeRounds'
import { serialized } from './serialized'

const entry = (key: string, size: number) => ({ key, reject: () => {}, resolve: () => {}, size }) as RoundEntry

describe('takeRound', () => {
  it('takes the oldest callers with the same key, up to the limit, and always at least one', () => {
    const waiting = [entry('now', 600), entry('now', 900), entry('now', 600), entry('at x', 1)]
    expect(takeRound(waiting).map((taken) => taken.size)).toEqual([600, 900]) // + 600 would pass the limit
    expect(takeRound(waiting).map((taken) => taken.size)).toEqual([600]) // the next key waits for its own round
    expect(takeRound(waiting).map((taken) => taken.key)).toEqual(['at x'])
    expect(takeRound([entry('now', ROUND_LIMIT + 1)])).toHaveLength(1)
  })
})

describe('storeInRounds when the turn cannot begin', () => {
  it('answers the waiting batch with the reason, and the next batch gets a turn of its own', async () => {
    // PostgreSQL's intake lock needs a connection: the first attempt is refused, the next one works.
    let attempts = 0
    const connect = async () => {
      if (attempts++ === 0) throw new Error('connection refused')
      return { on: () => {}, query: async () => undefined, release: () => {}, removeListener: () => {} }
    }
    const payload = { db: { name: 'postgres', pool: { connect } } } as unknown as Payload
    const store = async (entries: RoundEntry<string>[]) => entries.forEach((waiting) => waiting.resolve('stored'))
    const first = storeInRounds(payload, { key: 'now', size: 1 }, store)
    await expect(first).rejects.toThrow('connection refused')
    await expect(storeInRounds(payload, { key: 'now', size: 1 }, store)).resolves.toBe('stored')
    expect(waitingBatches(payload)).toBe(0)
  })
})

/**
 * Concurrent intake batches share a turn (intakeRounds.ts). What a caller notices: its own answer,
 * every event stored once, and another caller's failure never becoming its own.
 */
describe.each(testedDatabases().filter((kind) => kind !== 'mongodb'))('intake rounds (%s)', (kind) => {
  let local: LocalPayload
  let payload: Payload
  /** The event ids each plan call saw: one call per round. */
  const rounds: string[][] = []
  /** A subscriber whose settling fails (e.g. an automation that cannot enrol them). */
  let unsettled = ''
  const probe: EventConsumer = {
    name: 'round-probe',
    plan: async ({ events }) => {
      rounds.push(events.map((event) => event.eventId))
      if (events.some((event) => event.eventId.startsWith('boom'))) throw new Error('the probe refuses this round')
      return {}
    },
    settle: async ({ subscribers }) => {
      if (subscribers.includes(unsettled)) throw new Error('the probe cannot settle this subscriber')
    },
  }
  const forms = (prefix: string, count: number, email = 'runde@example.de') =>
    Array.from({ length: count }, (_, index) => ({
      email,
      id: `${prefix}-${index}`,
      properties: { form: 'kontakt' },
      type: 'form_submitted',
    }))
  const stored = async (prefix: string) =>
    (await payload.count({ collection: EVENTS as never, where: { eventId: { like: `${prefix}-` } } })).totalDocs
  /** Runs `callers` while the intake is busy, so that they queue up and share the next turn. */
  const whileBusy = async <T>(callers: () => Promise<T>[]): Promise<PromiseSettledResult<T>[]> => {
    rounds.length = 0
    let release = () => {}
    const busy = serialized(payload, () => new Promise<void>((resolve) => (release = resolve)))
    const started = callers()
    const answers = Promise.allSettled(started)
    // Each caller resolves its subscribers before it queues (a read per caller).
    await expect.poll(() => waitingBatches(payload), { interval: 20, timeout: 30_000 }).toBe(started.length)
    release()
    await busy
    return answers
  }

  beforeAll(async () => {
    local = await startLocalPayload(kind, { pushSchema: true })
    payload = local.payload
    await payload.create({ collection: 'subscribers', data: { email: 'runde@example.de' } as never })
    unsettled = String(
      (await payload.create({ collection: 'subscribers', data: { email: 'haken@example.de' } as never })).id,
    )
    extensionsOf(payload).eventConsumers.push(probe)
  })
  afterAll(async () => {
    if (payload) extensionsOf(payload).eventConsumers.splice(extensionsOf(payload).eventConsumers.indexOf(probe), 1)
    await local?.close()
  })

  it('stores queued callers in one round, each answered for its own events', async () => {
    const answers = await whileBusy(() => [
      recordEvents(payload, forms('a', 10)),
      recordEvents(payload, forms('b', 10)),
      recordEvents(payload, forms('c', 10)),
      // Sends one of a's events again: the first caller stores it, this one hears "duplicate".
      recordEvents(payload, [...forms('d', 9), forms('a', 1)[0]]),
    ])
    const results = answers.map((answer) => {
      if (answer.status === 'rejected') throw answer.reason
      return answer.value
    })
    // Whichever of a and d queued first stored a-0.
    expect(results.reduce((sum, { accepted }) => sum + accepted, 0)).toBe(39)
    expect(results.flatMap(({ results }) => results.filter((result) => result.status !== 'accepted'))).toEqual([
      { id: 'a-0', index: expect.any(Number), status: 'duplicate' },
    ])
    expect(results[1].accepted).toBe(10)
    expect(rounds).toHaveLength(1)
    expect(rounds[0]).toHaveLength(39)
    expect(await Promise.all(['a', 'b', 'c', 'd'].map(stored))).toEqual([10, 10, 10, 9])
  })

  it('keeps one caller’s failing batch from failing the others in its round', async () => {
    const answers = await whileBusy(() => [
      recordEvents(payload, forms('e', 5)),
      recordEvents(payload, forms('boom', 5)),
      recordEvents(payload, forms('f', 5)),
    ])
    expect(answers.map((answer) => answer.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((answers[1] as PromiseRejectedResult).reason.message).toBe('the probe refuses this round')
    // Tried together first, then each on its own.
    expect(rounds.map((ids) => ids.length)).toEqual([15, 5, 5, 5])
    expect(await Promise.all(['e', 'boom', 'f'].map(stored))).toEqual([5, 0, 5])
  })

  it('answers only the caller whose own events fail to settle, after all were stored', async () => {
    const answers = await whileBusy(() => [
      recordEvents(payload, forms('g', 3)),
      recordEvents(payload, forms('h', 3, 'haken@example.de')),
      recordEvents(payload, forms('i', 3)),
    ])
    expect(answers.map((answer) => answer.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((answers[1] as PromiseRejectedResult).reason.message).toBe('the probe cannot settle this subscriber')
    // Committed before settling: a retry of h hears "duplicate" and settles again.
    expect(await Promise.all(['g', 'h', 'i'].map(stored))).toEqual([3, 3, 3])
  })
})
