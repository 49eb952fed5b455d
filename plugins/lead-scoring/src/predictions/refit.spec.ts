import type { CollectionSlug, Payload } from 'payload'

import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { recordEvents, relationKey } from '@kontorwerk/personalization'

import { testedDatabases } from '../../../../tests/helpers/databases'
import { type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { WITH_PREDICTION } from './predictionField'
import { writePredictionChunk } from './predictionWrites'
import { purchaseHistories } from './purchaseHistories'
import {
  PURCHASE_MODELS,
  type PurchaseModel,
  refitPurchaseModel,
  resumePurchaseScoring,
  predictionOf as scoredBy,
} from './purchaseModel'
import { REFIT_LOCK, runPurchaseRefit } from './refitTask'
import { PURCHASE_PREDICTIONS } from './slugs'

const models = PURCHASE_MODELS as CollectionSlug
const predictions = PURCHASE_PREDICTIONS as CollectionSlug
const NOW = new Date('2026-12-01T12:00:00Z')
const options = { horizonDays: 90, minimumCustomers: 5, subscribersSlug: 'subscribers', windowDays: 730 }
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString()

type Prediction = null | Record<string, null | number | string>

describe.each(testedDatabases())('refitting the purchase model on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  const ids: Record<string, string> = {}

  const buy = async (who: string, ...days: number[]) => {
    const { results } = await recordEvents(
      payload,
      days.map((day, index) => ({
        email: `${who}@example.com`,
        id: `${who}-${day}-${index}`,
        occurredAt: daysAgo(day),
        properties: { amount: 40 + index, product: 'lohn-modul' },
        type: 'purchase',
      })),
      { now: NOW },
    )
    expect(results.every((result) => result.status === 'accepted')).toBe(true)
  }
  const predictionOf = async (who: string) =>
    (
      (await payload.findByID({
        collection: 'subscribers',
        context: { [WITH_PREDICTION]: true },
        id: ids[who],
        overrideAccess: true,
      })) as unknown as {
        prediction?: Prediction
      }
    ).prediction ?? null

  beforeAll(async () => {
    local = await startLocalPayload(kind, { pushSchema: true })
    payload = local.payload
    for (const who of ['anna', 'ben', 'clara', 'dora', 'emil', 'fritz', 'gina'])
      ids[who] = String(
        (await payload.create({ collection: 'subscribers', data: { email: `${who}@example.com` } as never })).id,
      )
  })
  afterAll(() => local?.close())

  it('stores nothing and says why with too few buyers, and with no repeat purchase', async () => {
    await buy('anna', 300)
    await buy('ben', 200)
    expect(await refitPurchaseModel(payload, options, NOW)).toMatchObject({
      customers: 2,
      reason: 'too_few_customers',
      status: 'refused',
    })
    for (const who of ['clara', 'dora', 'emil']) await buy(who, 100)
    expect(await refitPurchaseModel(payload, options, NOW)).toMatchObject({
      customers: 5,
      reason: 'no_repeat_purchases',
      status: 'refused',
    })
    expect((await payload.count({ collection: models })).totalDocs).toBe(0)
    expect(await predictionOf('anna')).toMatchObject({ probabilityAlive: null })
  })

  it('fits, scores every buyer with its inputs, and leaves people without purchases at "no data"', async () => {
    await buy('anna', 280, 250, 220, 190, 160, 130, 100, 70, 40, 10)
    await buy('ben', 190, 180)
    await buy('clara', 95, 90, 85)
    const result = await refitPurchaseModel(payload, options, NOW)
    expect(result.status).toBe('fitted')
    const anna = await predictionOf('anna')
    expect(anna).toMatchObject({
      ageWeeks: expect.closeTo(300 / 7, 6),
      recencyWeeks: expect.closeTo(290 / 7, 6),
      repeatPurchases: 10,
    })
    const ben = await predictionOf('ben')
    // Anna buys every month and bought ten days ago; Ben stopped half a year ago.
    expect(Number(anna!.probabilityAlive)).toBeGreaterThan(Number(ben!.probabilityAlive))
    expect(Number(anna!.expectedPurchases)).toBeGreaterThan(Number(ben!.expectedPurchases))
    // Three repeat buyers with amounts are fewer than the minimum for the spend model: no value rather than a guess.
    expect(anna!.expectedValue ?? null).toBeNull()
    // One purchase only: nothing says they left, P(alive) is 1 under BG/NBD.
    expect(await predictionOf('dora')).toMatchObject({ probabilityAlive: 1, repeatPurchases: 0 })
    for (const who of ['fritz', 'gina']) {
      const none = await predictionOf(who)
      expect([none?.probabilityAlive ?? null, none?.expectedPurchases ?? null, none?.expectedValue ?? null]).toEqual([
        null,
        null,
        null,
      ])
    }
    // The subscriber page's sentence, in German with German numbers.
    expect(anna!.explanation).toMatch(
      /^10 Wiederholungskäufe, der letzte 41,4 Wochen nach dem ersten Kauf, Kunde seit 42,9 Wochen: zu \d+\u00a0% noch aktiv; erwartet \d+(,\d+)? Käufe in 90 Tagen\.$/,
    )
    expect((await predictionOf('fritz'))?.explanation).toBe('Keine Daten: keine Käufe im Datenfenster des Modells.')
    // Derived from purchases: editors neither read nor query it (the first account is always an admin).
    await payload.create({
      collection: 'users',
      data: { email: `admin-${kind}@example.com`, password: 'admin-password-1', role: 'admin' } as never,
    })
    const editor = await payload.create({
      collection: 'users',
      data: { email: `editor-${kind}@example.com`, password: 'editor-password-1', role: 'editor' } as never,
    })
    const asEditor = await payload.findByID({
      collection: 'subscribers',
      id: ids.anna,
      overrideAccess: false,
      user: editor,
    })
    expect((asEditor as { prediction?: unknown }).prediction ?? {}).toEqual({})
    await expect(
      payload.find({
        collection: 'subscribers',
        overrideAccess: false,
        user: editor,
        where: { 'prediction.expectedPurchases': { greater_than: 0 } } as never,
      }),
    ).rejects.toThrow()
    const stored = (await payload.find({ collection: models, overrideAccess: true })).docs
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({ customers: 5, repeatCustomers: 3, scoredSubscribers: 5, status: 'active' })
  })

  it('keeps the previous model when a later fit is refused', async () => {
    const before = await predictionOf('anna')
    const tooStrict = await refitPurchaseModel(payload, { ...options, minimumCustomers: 100 }, NOW)
    expect(tooStrict).toMatchObject({ reason: 'too_few_customers', status: 'refused' })
    expect(await predictionOf('anna')).toEqual(before)
    expect((await payload.count({ collection: models })).totalDocs).toBe(1)
  })

  it('resumes an interrupted scoring run from its progress, without refitting', async () => {
    // A run that stopped after fitting: the model is stored, nobody is scored under it yet.
    const [active] = (await payload.find({ collection: models, overrideAccess: true })).docs as unknown as {
      id: number | string
    }[]
    const copy = (await payload.findByID({
      collection: models,
      id: active.id,
      overrideAccess: true,
    })) as unknown as Record<string, unknown>
    const { createdAt: _c, id: _i, updatedAt: _u, ...data } = copy
    const interrupted = await payload.create({
      collection: models,
      data: { ...data, scoredSubscribers: 0, status: 'scoring' } as never,
      overrideAccess: true,
    })
    // It stopped after its first two buyers: readers still see the previous model.
    const model = interrupted as unknown as PurchaseModel
    const [first, second] = await purchaseHistories(payload, new Date(model.windowStart), new Date(model.windowEnd))
    await writePredictionChunk(payload, {
      modelId: model.id,
      subscribersSlug: 'subscribers',
      predictions: [first, second].map((history) => ({
        numbers: scoredBy(model, history),
        subscriber: history.subscriber,
      })),
      scoredSubscribers: 2,
    })
    const whoFirst = Object.keys(ids).find((who) => ids[who] === first.subscriber)!
    expect(String(relationKey((await predictionOf(whoFirst))!.model as never))).toBe(String(active.id))
    expect(await resumePurchaseScoring(payload, options)).toBe(true)
    expect(await resumePurchaseScoring(payload, options)).toBe(false)
    // A row per buyer under the new model; the replaced model's rows stay until the next refit.
    const rowsOf = async (model: number | string) =>
      (await payload.count({ collection: predictions, where: { model: { equals: model } } })).totalDocs
    expect([await rowsOf(active.id), await rowsOf(interrupted.id)]).toEqual([5, 5])
    expect(await predictionOf('clara')).toMatchObject({ model: expect.anything() })
    const claraModel = (await predictionOf('clara'))!.model as unknown
    expect(String((claraModel as { id?: unknown })?.id ?? claraModel)).toBe(String(interrupted.id))
    // The list says which model is in use: the resumed one; the one before it is marked replaced.
    const statuses = Object.fromEntries(
      (await payload.find({ collection: models, overrideAccess: true })).docs.map((doc) => [
        String(doc.id),
        (doc as unknown as { status: string }).status,
      ]),
    )
    expect(statuses).toEqual({ [String(active.id)]: 'superseded', [String(interrupted.id)]: 'active' })
    // The next refit deletes the rows of the model before the one it replaces.
    const next = await refitPurchaseModel(payload, options, NOW)
    expect(next.status).toBe('fitted')
    const nextId = (next as { model: { id: number | string } }).model.id
    expect([await rowsOf(active.id), await rowsOf(interrupted.id), await rowsOf(nextId)]).toEqual([0, 5, 5])
  })

  it('counts a purchase stored with an offset on its UTC day, as PostgreSQL does', async () => {
    const stored = await payload.create({
      collection: 'events',
      data: {
        eventId: `offset-${kind}`,
        occurredAt: '2026-03-01T00:30:00+02:00',
        properties: { amount: 2, product: 'lohn-modul' },
        subscriber: Number(ids.gina),
        type: 'purchase',
      } as never,
      overrideAccess: true,
    })
    const histories = await purchaseHistories(
      payload,
      new Date('2026-02-01T00:00:00Z'),
      new Date('2026-03-31T00:00:00Z'),
    )
    const gina = histories.find((history) => history.subscriber === ids.gina)
    expect(gina?.firstDay).toBe(Date.parse('2026-02-28T00:00:00Z') / 86_400_000)
    await payload.delete({ collection: 'events', id: stored.id, overrideAccess: true })
  })

  it('runs one refit at a time: a second one meanwhile answers "running" and changes nothing', async () => {
    const modelsBefore = (await payload.count({ collection: models })).totalDocs
    const results = await Promise.all([runPurchaseRefit(payload, options), runPurchaseRefit(payload, options)])
    expect(results.map((result) => result.status).sort()).toEqual(['fitted', 'running'])
    expect((await payload.count({ collection: models })).totalDocs).toBe(modelsBefore + 1)
  })

  it.runIf(kind === 'postgres')(
    'leaves the refit to another process on the same database that is refitting: "running", nothing changed',
    async () => {
      const modelsBefore = (await payload.count({ collection: models })).totalDocs
      // What the other process's refit holds while it runs (an app server's endpoint, a worker's nightly job).
      const other = new pg.Client({ connectionString: local.databaseUri })
      await other.connect()
      try {
        await other.query('select pg_advisory_lock($1)', [REFIT_LOCK])
        expect((await runPurchaseRefit(payload, options)).status).toBe('running')
        expect((await payload.count({ collection: models })).totalDocs).toBe(modelsBefore)
        await other.query('select pg_advisory_unlock($1)', [REFIT_LOCK])
        expect((await runPurchaseRefit(payload, options)).status).toBe('fitted')
      } finally {
        await other.end()
      }
    },
  )

  it.runIf(kind === 'postgres')(
    'writes a chunk whole while a buyer in it is being erased: the others stored, the erased one left out',
    async () => {
      const [active] = (
        await payload.find({ collection: models, overrideAccess: true, where: { status: { equals: 'active' } } })
      ).docs as unknown as PurchaseModel[]
      const [leaving, staying] = await Promise.all(
        ['leaving', 'staying'].map(async (name) =>
          String(
            (await payload.create({ collection: 'subscribers', data: { email: `${name}-race@example.com` } as never }))
              .id,
          ),
        ),
      )
      const numbers = {
        ageWeeks: 10,
        expectedPurchases: 1,
        expectedValue: null,
        probabilityAlive: 0.5,
        recencyWeeks: 5,
        repeatPurchases: 1,
      }
      // The erasure has deleted her but not committed: the chunk's EXISTS still sees her, its foreign key waits.
      const erasure = new pg.Client({ connectionString: local.databaseUri })
      await erasure.connect()
      try {
        await erasure.query('begin')
        await erasure.query('delete from subscribers where id = $1', [Number(leaving)])
        const written = writePredictionChunk(payload, {
          modelId: active.id,
          predictions: [leaving, staying].map((subscriber) => ({ numbers, subscriber })),
          scoredSubscribers: 2,
          subscribersSlug: 'subscribers',
        })
        // Committed only once the chunk waits for her row's lock, so the race is the one of a real erasure.
        for (let tries = 0; tries < 100; tries++) {
          const waiting = await erasure.query(
            "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
          )
          if (waiting.rows[0].n > 0) break
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
        await erasure.query('commit')
        await written
      } finally {
        await erasure.end()
      }
      const rowsOf = async (subscriber: string) =>
        (await payload.count({ collection: predictions, where: { subscriber: { equals: subscriber } } })).totalDocs
      expect([await rowsOf(leaving), await rowsOf(staying)]).toEqual([0, 1])
    },
  )

  it("deletes a subscriber's prediction with the subscriber (personal data)", async () => {
    const rowsOf = async (subscriber: string) =>
      (await payload.count({ collection: predictions, where: { subscriber: { equals: subscriber } } })).totalDocs
    const [active] = (
      await payload.find({ collection: models, overrideAccess: true, where: { status: { equals: 'active' } } })
    ).docs as unknown as PurchaseModel[]
    const histories = await purchaseHistories(payload, new Date(active.windowStart), new Date(active.windowEnd))
    const all = async () => (await payload.count({ collection: predictions })).totalDocs
    const [hers, before] = [await rowsOf(ids.anna), await all()]
    expect(hers).toBeGreaterThan(0)
    await payload.delete({ collection: 'subscribers', id: ids.anna, overrideAccess: true })
    // Deleted, not left behind without a subscriber (the foreign key alone would do that).
    expect([await rowsOf(ids.anna), await all()]).toEqual([0, before - hers])
    // A refit that read the purchases before the erasure writes the others and leaves her out.
    await payload.delete({ collection: predictions, overrideAccess: true, where: { model: { equals: active.id } } })
    await writePredictionChunk(payload, {
      modelId: active.id,
      predictions: histories.map((history) => ({
        numbers: scoredBy(active, history),
        subscriber: history.subscriber,
      })),
      scoredSubscribers: histories.length,
      subscribersSlug: 'subscribers',
    })
    expect(histories.map(({ subscriber }) => subscriber)).toContain(ids.anna)
    expect(await rowsOf(ids.anna)).toBe(0)
    const bensUnderActive = await payload.count({
      collection: predictions,
      where: { and: [{ model: { equals: active.id } }, { subscriber: { equals: ids.ben } }] },
    })
    expect(bensUnderActive.totalDocs).toBe(1)
  })
})
