import type { Payload } from 'payload'

import { idCastType, runSqlAtomically, sql, sqlTable } from '@kontorwerk/personalization'

/** The numbers of one buyer's prediction, as `predictionOf` computes them. */
export type PredictionNumbers = {
  ageWeeks: number
  expectedPurchases: number
  expectedValue: null | number
  probabilityAlive: number
  recencyWeeks: number
  repeatPurchases: number
}

const NUMBERS: (keyof PredictionNumbers)[] = [
  'ageWeeks',
  'expectedPurchases',
  'expectedValue',
  'probabilityAlive',
  'recencyWeeks',
  'repeatPurchases',
]

type Column = { getSQLType: () => string; name: string }

/** A finite number as an SQL literal; anything else (no spend model) is null. */
const numberLiteral = (value: null | number) => (value !== null && Number.isFinite(value) ? String(value) : 'null')

/** A stored id as an SQL literal: a number for a numeric id column (checked), else text with its quotes doubled. */
function idLiteral(id: string, numeric: boolean): string {
  if (!numeric) return `'${id.replaceAll("'", "''")}'`
  if (!/^\d+$/.test(id)) throw new Error(`Subscriber id ${JSON.stringify(id)} is not a number`)
  return id
}

/**
 * Writes a chunk of buyers' predictions and the model's progress in one transaction (SQL
 * databases). A million buyers are 200 statements: the numbers go into the statement as literals
 * (they are finite numbers formatted here, the ids come from the database), because binding seven
 * parameters per row through the query builder cost more than the update itself.
 */
export async function writePredictionChunk(
  payload: Payload,
  {
    modelId,
    modelsSlug,
    predictions,
    scoredAt,
    scoredSubscribers,
    subscribersSlug,
  }: {
    modelId: number | string
    modelsSlug: string
    predictions: { numbers: PredictionNumbers; subscriber: string }[]
    scoredAt: string
    scoredSubscribers: number
    subscribersSlug: string
  },
): Promise<void> {
  if (predictions.length === 0) return
  const subscribers = sqlTable<Record<string, Column>>(payload, subscribersSlug)
  const models = sqlTable<Record<string, Column>>(payload, modelsSlug)
  const column = (name: string) => subscribers[`prediction_${name}`]
  const idType = idCastType(subscribers)
  const numeric = /^(smallint|integer|bigint|int|numeric)$/i.test(idType)
  const rows = predictions
    .map(
      ({ numbers, subscriber }) =>
        `(${idLiteral(subscriber, numeric)}, ${NUMBERS.map((name) => numberLiteral(numbers[name])).join(', ')})`,
    )
    .join(', ')
  const names = NUMBERS.map((_, index) => `c${index}`)
  // Cast back to each column's type: PostgreSQL types a VALUES column by its literals (and an all-null one as text).
  const assignments = NUMBERS.map(
    (name, index) =>
      sql`${sql.identifier(column(name).name)} = cast(v.${sql.identifier(names[index])} as ${sql.raw(column(name).getSQLType())})`,
  )
  await runSqlAtomically(payload, [
    sql`with v(id, ${sql.raw(names.join(', '))}) as (values ${sql.raw(rows)})
      update ${subscribers} set ${sql.join(assignments, sql`, `)},
        ${sql.identifier(column('model').name)} = ${modelId},
        ${sql.identifier(column('scoredAt').name)} = ${scoredAt}
      from v where ${subscribers.id} = cast(v.id as ${sql.raw(idType)})`,
    sql`update ${models} set ${sql.identifier(models.scoredSubscribers.name)} = ${scoredSubscribers} where ${models.id} = ${modelId}`,
  ])
}
