import type { CollectionSlug, Payload } from 'payload'

import { runSql, runSqlAtomically, type SQL, sql, sqlTable, writeAtomically } from '@kontorwerk/personalization'

import { PURCHASE_MODELS, PURCHASE_PREDICTIONS } from './slugs'

/** The numbers of one buyer's prediction, as `predictionOf` computes them. */
export type PredictionNumbers = {
  ageWeeks: number
  expectedPurchases: number
  expectedValue: null | number
  probabilityAlive: number
  recencyWeeks: number
  repeatPurchases: number
}

/** The numbers stored per buyer, in the order the bulk insert lists them. */
export const PREDICTION_NUMBERS: (keyof PredictionNumbers)[] = [
  'ageWeeks',
  'expectedPurchases',
  'expectedValue',
  'probabilityAlive',
  'recencyWeeks',
  'repeatPurchases',
]

type Column = { getSQLType: () => string; name: string }
type MongoCollection = { updateMany: (filter: object, update: object) => Promise<unknown> }

/** A finite number as an SQL literal; anything else (no spend model) is null. */
const numberLiteral = (value: null | number) => (value !== null && Number.isFinite(value) ? String(value) : 'null')

/** Whether a column (or an id column's serial type) holds numbers, so its ids go in unquoted. */
const isNumericType = (type: string) => /^(small|big)?(serial|int|integer)$|^numeric$/i.test(type)

/** A stored id as an SQL literal: a number for a numeric id column (checked), else text with its quotes doubled. */
function idLiteral(id: number | string, numeric: boolean): string {
  const text = String(id)
  if (!numeric) return `'${text.replaceAll("'", "''")}'`
  if (!/^\d+$/.test(text)) throw new Error(`Id ${JSON.stringify(text)} is not a number`)
  return text
}

/**
 * Inserts a chunk of buyers' predictions under a model and the model's progress in one
 * transaction. A million buyers are 200 statements: the numbers go into the statement as literals
 * (finite numbers formatted here, ids from the database), because binding eight parameters per row
 * through the query builder cost more than the insert itself. A buyer erased since the histories
 * were read is left out (no foreign-key failure halfway through a refit); a row already written
 * for the model is left as it is.
 */
export async function writePredictionChunk(
  payload: Payload,
  {
    modelId,
    predictions,
    scoredSubscribers,
    subscribersSlug,
  }: {
    modelId: number | string
    predictions: { numbers: PredictionNumbers; subscriber: string }[]
    scoredSubscribers: number
    subscribersSlug: string
  },
): Promise<void> {
  if (predictions.length === 0) return
  const progress = { collection: PURCHASE_MODELS, data: { scoredSubscribers }, id: String(modelId) }
  if (payload.db.name === 'mongoose') {
    // No foreign key here: the subscribers that still exist, read just before the insert.
    const { docs } = await payload.find({
      collection: subscribersSlug as CollectionSlug,
      depth: 0,
      limit: 0,
      pagination: false,
      select: {} as never,
      where: { id: { in: predictions.map(({ subscriber }) => subscriber) } },
    })
    const existing = new Set((docs as { id: number | string }[]).map(({ id }) => String(id)))
    await writeAtomically(payload, {
      inserts: [
        {
          collection: PURCHASE_PREDICTIONS,
          docs: predictions
            .filter(({ subscriber }) => existing.has(subscriber))
            .map(({ numbers, subscriber }) => ({ ...numbers, model: modelId, subscriber })),
        },
      ],
      updates: [progress],
    })
    return
  }
  const table = sqlTable<Record<string, Column>>(payload, PURCHASE_PREDICTIONS)
  const models = sqlTable<Record<string, Column>>(payload, PURCHASE_MODELS)
  const subscribers = sqlTable<Record<string, Column>>(payload, subscribersSlug)
  const subscriberType = table.subscriber.getSQLType()
  const numeric = isNumericType(subscriberType)
  const rows = predictions
    .map(
      ({ numbers, subscriber }) =>
        `(${idLiteral(subscriber, numeric)}, ${PREDICTION_NUMBERS.map((name) => numberLiteral(numbers[name])).join(', ')})`,
    )
    .join(', ')
  const names = PREDICTION_NUMBERS.map((_, index) => `c${index}`)
  const columns = [table.subscriber, table.model, ...PREDICTION_NUMBERS.map((name) => table[name])]
  // Cast back to each column's type: PostgreSQL types a VALUES column by its literals (and an all-null one as text).
  const values = [
    sql`cast(v.s as ${sql.raw(subscriberType)})`,
    sql`${modelId}`,
    ...PREDICTION_NUMBERS.map(
      (name, index) => sql`cast(v.${sql.identifier(names[index])} as ${sql.raw(table[name].getSQLType())})`,
    ),
  ]
  const write = () =>
    runSqlAtomically(payload, [
      // The WHERE also keeps SQLite's parser from reading ON CONFLICT as part of the SELECT.
      sql`with v(s, ${sql.raw(names.join(', '))}) as (values ${sql.raw(rows)})
        insert into ${table} (${sql.join(
          columns.map((column) => sql.identifier(column.name)),
          sql`, `,
        )})
        select ${sql.join(values, sql`, `)} from v
        where exists (select 1 from ${subscribers} x where x.id = cast(v.s as ${sql.raw(subscriberType)}))
        on conflict do nothing`,
      sql`update ${models} set ${sql.identifier(models.scoredSubscribers.name)} = ${scoredSubscribers} where ${models.id} = ${modelId}`,
    ])
  // PostgreSQL: a buyer erased while this statement ran passed the EXISTS (the erasure had not
  // committed) and then fails the foreign key (23503); an erasure of several buyers can deadlock
  // with the chunk's key locks instead (40P01). Nothing of the chunk was written either way, and
  // written again the EXISTS leaves them out.
  for (let attempt = 1; ; attempt++) {
    try {
      return await write()
    } catch (error) {
      if (attempt >= 3 || !ERASURE_RACES.has(postgresCode(error) ?? '')) throw error
    }
  }
}

const ERASURE_RACES = new Set(['23503', '40P01'])

/** PostgreSQL's error code, on the driver's error or on the one Drizzle wrapped it in. */
const postgresCode = (error: unknown): string | undefined =>
  (error as { code?: string })?.code ?? (error as { cause?: { code?: string } })?.cause?.code

/** Rows deleted per statement: SQLite's client blocks the event loop while one runs. */
const DELETE_CHUNK = 20_000

/**
 * Deletes predictions nobody reads any more: those of replaced models except `keep`, and rows
 * whose subscriber or model was deleted. A model still scoring (another run) keeps its rows.
 */
export async function deleteStalePredictions(
  payload: Payload,
  keep: (number | string)[],
  subscribersSlug: string,
): Promise<void> {
  const { docs: replaced } = await payload.find({
    collection: PURCHASE_MODELS as CollectionSlug,
    depth: 0,
    limit: 0,
    pagination: false,
    select: {} as never,
    where: { and: [{ status: { equals: 'superseded' } }, { id: { not_in: keep } }] },
  })
  const stale = (replaced as { id: number | string }[]).map(({ id }) => id)
  if (payload.db.name === 'mongoose') {
    await payload.db.deleteMany({
      collection: PURCHASE_PREDICTIONS as CollectionSlug,
      where: { or: [{ model: { in: stale } }, { model: { exists: false } }, { subscriber: { exists: false } }] },
    })
    // Before predictions had a collection of their own they were a sub-document of the subscriber
    // (SQL migrations move them; MongoDB has none): personal data without a purpose now.
    const subscribers = (payload.db as unknown as { collections: Record<string, MongoCollection> }).collections[
      subscribersSlug
    ]
    await subscribers?.updateMany({ prediction: { $exists: true } }, { $unset: { prediction: '' } })
    return
  }
  const table = sqlTable<Record<string, Column>>(payload, PURCHASE_PREDICTIONS)
  const condition = sql.join(
    [
      sql`${table.subscriber} is null`,
      sql`${table.model} is null`,
      ...(stale.length
        ? [
            sql`${table.model} in (${sql.join(
              stale.map((id) => sql`${id}`),
              sql`, `,
            )})`,
          ]
        : []),
    ],
    sql` or `,
  )
  await deleteInChunks(payload, condition)
}

/** One bounded DELETE after the other, yielding between them: a million rows never hold the process. */
async function deleteInChunks(payload: Payload, condition: SQL): Promise<void> {
  const table = sqlTable<Record<string, Column>>(payload, PURCHASE_PREDICTIONS)
  for (;;) {
    const deleted = await runSql(
      payload,
      sql`delete from ${table} where ${table.id} in (select ${table.id} from ${table} where ${condition} limit ${DELETE_CHUNK}) returning ${table.id}`,
    )
    if (deleted.length < DELETE_CHUNK) return
    await new Promise((resolve) => setImmediate(resolve))
  }
}

/** Deletes every prediction of one model (a scoring run that starts over). */
export async function deletePredictionsOf(payload: Payload, modelId: number | string): Promise<void> {
  if (payload.db.name === 'mongoose') {
    await payload.db.deleteMany({
      collection: PURCHASE_PREDICTIONS as CollectionSlug,
      where: { model: { equals: modelId } },
    })
    return
  }
  const table = sqlTable<Record<string, Column>>(payload, PURCHASE_PREDICTIONS)
  await deleteInChunks(payload, sql`${table.model} = ${modelId}`)
}
