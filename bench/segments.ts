import type { Payload } from 'payload'

import { createClient, type InArgs } from '@libsql/client'
import { sql } from '@payloadcms/db-sqlite'

import type { RuleGroup } from '@kontorwerk/segments'

import {
  compileTree,
  countMembers,
  type Environment,
  evaluate,
  loadEnvironment,
  loadFacts,
  parseRuleTree,
} from '@kontorwerk/segments'

import { type DatabaseKind } from '../tests/helpers/databases'
import { startLocalPayload } from '../tests/helpers/localPayload'
import {
  createReference,
  dialectOf,
  EVENTS_PER_SUBSCRIBER,
  generateSubscribers,
  NOW,
  query,
  type Reference,
  run,
} from './segmentData'
import { printTable } from './table'

const DEFAULT_SIZES = [100_000, 1_000_000]
const REPETITIONS = 5
/** Subscribers per page of the in-memory baseline (one `loadFacts` per page). */
const PAGE = 5_000
/** A baseline projected to take longer than this is measured on a prefix and extrapolated. */
const BASELINE_BUDGET_MS = 10 * 60_000
const PREFIX = 100_000

const log = (line: string) => console.log(`[segments] ${line}`)
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 3 : 1)} s`
const thousands = (value: number) => value.toLocaleString('en-US')
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** Six conditions, AND/OR mixed, with an event window filtered by interest and an interest condition. */
function segment(ref: Reference): RuleGroup {
  const parsed = parseRuleTree({
    combinator: 'and',
    rules: [
      { field: 'locale', operator: '=', value: 'de' },
      {
        combinator: 'or',
        rules: [
          {
            field: 'events',
            operator: 'atLeast',
            value: { count: 2, days: 30, interest: ref.interests.trail, type: 'email_clicked' },
          },
          {
            field: 'interest',
            operator: 'has',
            value: { interest: ref.interests.laufen, minWeight: 0.5, source: 'any' },
          },
        ],
      },
      { field: 'stage', operator: 'atLeast', value: ref.stages.mql },
      { field: 'totalScore', operator: '>=', value: 40 },
      { field: 'attribute', operator: '>=', value: { key: 'companySize', value: 10 } },
      { combinator: 'or', not: true, rules: [{ field: 'paused', operator: 'is', value: null }] },
    ],
  })
  if (!parsed.tree) throw new Error(`the bench segment does not parse: ${JSON.stringify(parsed.problems)}`)
  return parsed.tree
}

/** The plugin's count (one compiled SQL query): the first run, then the median of REPETITIONS. */
async function sqlCount(payload: Payload, tree: RuleGroup, env: Environment) {
  const times: number[] = []
  let count = -1
  for (let run = 0; run <= REPETITIONS; run++) {
    const started = performance.now()
    const counted = await countMembers(payload, tree, env)
    times.push(performance.now() - started)
    if (run > 0 && counted !== count) throw new Error(`the count changed between runs: ${count} → ${counted}`)
    count = counted
  }
  return { count, first: times[0], median: median(times.slice(1)) }
}

/** The same count restricted to the first subscribers (id ≤ upTo), to check a prefix baseline. */
async function sqlCountUpTo(payload: Payload, tree: RuleGroup, env: Environment, upTo: number) {
  const [row] = await query(
    payload,
    sql`select count(*) as count from subscribers s where ${compileTree(tree, env, dialectOf(payload))} and s.id <= ${upTo}`,
  )
  return Number(row.count)
}

/**
 * The baseline: load all profiles and filter in memory, with the plugin's own bulk fact loader
 * (one query per collection per page) and evaluator. Same semantics as the SQL form; Payload's
 * Local API reads, as for MongoDB. Measured on a prefix and extrapolated when the whole run
 * would exceed the budget (or when asked to with SEGMENT_BENCH_BASELINE=prefix).
 */
async function inMemoryCount(payload: Payload, tree: RuleGroup, env: Environment, total: number) {
  const forcePrefix = process.env.SEGMENT_BENCH_BASELINE === 'prefix'
  const forceFull = process.env.SEGMENT_BENCH_BASELINE === 'full'
  const started = performance.now()
  let cursor: null | number | string = null
  let members = 0
  let scanned = 0
  for (;;) {
    const { docs }: { docs: { id: number | string }[] } = await payload.find({
      collection: 'subscribers',
      depth: 0,
      limit: PAGE,
      pagination: false,
      select: {},
      sort: 'id',
      where: cursor == null ? {} : { id: { greater_than: cursor } },
    })
    if (!docs.length) break
    const ids = docs.map((doc) => String(doc.id))
    const facts = await loadFacts(payload, ids, tree, env)
    members += facts.filter((each) => evaluate(tree, each, env)).length
    scanned += ids.length
    cursor = docs[docs.length - 1].id
    if (scanned >= PREFIX && scanned < total && !forceFull) {
      const elapsed = performance.now() - started
      const projected = (elapsed * total) / scanned
      if (forcePrefix || projected > BASELINE_BUDGET_MS)
        return { extrapolated: true, members, ms: projected, prefixMs: elapsed, scanned, upTo: Number(cursor) }
    }
    if (scanned % (PAGE * 20) === 0)
      log(`  in memory: ${thousands(scanned)} of ${thousands(total)} after ${seconds(performance.now() - started)}`)
    if (docs.length < PAGE) break
  }
  return { extrapolated: false, members, ms: performance.now() - started, prefixMs: 0, scanned, upTo: Number(cursor) }
}

/**
 * The plan of the count query and the indexes it names. SQLite's plan comes from a connection of
 * its own: on Payload's, libsql leaves an EXPLAIN statement open, and later DDL finds the table locked.
 */
async function plan(payload: Payload, databaseUri: string, tree: RuleGroup, env: Environment) {
  const dialect = dialectOf(payload)
  const where = compileTree(tree, env, dialect)
  if (dialect === 'sqlite') {
    const drizzle = (
      payload.db as unknown as {
        drizzle: { dialect: { sqlToQuery: (query: unknown) => { params: unknown[]; sql: string } } }
      }
    ).drizzle
    const statement = drizzle.dialect.sqlToQuery(
      sql`explain query plan select count(*) as count from subscribers s where ${where}`,
    )
    const client = createClient({ url: databaseUri })
    const rows = (
      await client.execute({ args: statement.params as InArgs, sql: statement.sql }).finally(() => client.close())
    ).rows as unknown as Record<string, unknown>[]
    const depth = new Map<number, number>([[0, 0]])
    const lines = rows.map((row) => {
      const level = (depth.get(Number(row.parent)) ?? 0) + 1
      depth.set(Number(row.id), level)
      return `${'  '.repeat(level)}${String(row.detail)}`
    })
    const indexes = [
      ...new Set(
        lines.flatMap((line) =>
          [...line.matchAll(/USING (?:COVERING )?INDEX (\S+)|USING (INTEGER PRIMARY KEY)/g)].map(
            (match) => match[1] ?? `${match[2]}`,
          ),
        ),
      ),
    ]
    return { indexes, text: lines.join('\n') }
  }
  const rows = await query(
    payload,
    sql`explain (analyze, buffers) select count(*) as count from subscribers s where ${where}`,
  )
  const text = rows.map((row) => String(row['QUERY PLAN'])).join('\n')
  const indexes = [
    ...new Set(
      [
        ...text.matchAll(/(?:Index Only Scan|Index Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) "?([\w]+)"?/g),
      ].map((match) => match[1]),
    ),
  ]
  const seqScans = [...new Set([...text.matchAll(/Seq Scan on (\w+)/g)].map((match) => `seq scan ${match[1]}`))]
  return { indexes: [...indexes, ...seqScans], text }
}

function sizesToRun(): number[] {
  const given = process.env.SEGMENT_BENCH_SIZES ?? process.argv[3]
  if (!given) return DEFAULT_SIZES
  const sizes = given.split(',').map((each) => Number(each.replace(/_/g, '')))
  if (sizes.some((size) => !Number.isInteger(size) || size < 1))
    throw new Error(`SEGMENT_BENCH_SIZES must be whole numbers, e.g. 100000,1000000 (got ${given})`)
  return sizes
}

/**
 * Counting a 6-condition segment (AND/OR, an event window filtered by interest, an interest
 * condition) with the compiled SQL query, against loading every profile and filtering in memory
 * (the baseline), in the same run, on generated subscribers with 10 events each.
 * Target: under 1 s for 1,000,000 subscribers on PostgreSQL and at least 20× the baseline.
 */
export async function segmentsBench() {
  const kinds: DatabaseKind[] = process.env.TEST_POSTGRES_URI ? ['sqlite', 'postgres'] : ['sqlite']
  if (!process.env.TEST_POSTGRES_URI)
    log(
      'PostgreSQL skipped: TEST_POSTGRES_URI is not set (TEST_POSTGRES_URI=$(bash scripts/postgres.sh) npm run bench -- segments)',
    )
  const sizes = sizesToRun()
  const rows: Record<string, number | string>[] = []
  const indexRows: Record<string, number | string>[] = []
  const plans: string[] = []
  const problems: string[] = []
  const notes: string[] = []
  for (const kind of kinds) {
    for (const size of sizes) {
      log(`${kind}, ${thousands(size)} subscribers: generating`)
      const local = await startLocalPayload(kind)
      const { payload } = local
      try {
        const ref = await createReference(payload)
        const generated = await generateSubscribers(payload, size, ref, (line) => log(`  ${line}`))
        log(
          `  ${thousands(generated.subscribers)} subscribers, ${thousands(generated.events)} events, ${thousands(generated.interests)} interests, ${thousands(generated.leadScores)} scores, ${thousands(generated.consentRecords)} consent records in ${seconds(generated.seconds * 1000)}`,
        )
        if (generated.subscribers !== size || generated.events !== size * EVENTS_PER_SUBSCRIBER)
          throw new Error(`${kind}: generated ${generated.subscribers} subscribers and ${generated.events} events`)

        const tree = segment(ref)
        const env = await loadEnvironment(payload, tree, NOW)
        const counted = await sqlCount(payload, tree, env)
        log(
          `  SQL count: ${thousands(counted.count)} members, first ${seconds(counted.first)}, median ${seconds(counted.median)}`,
        )
        const explained = await plan(payload, local.databaseUri, tree, env)
        const baseline = await inMemoryCount(payload, tree, env, size)
        const expected = baseline.extrapolated ? await sqlCountUpTo(payload, tree, env, baseline.upTo) : counted.count
        if (baseline.members !== expected)
          problems.push(
            `${kind} ${size}: SQL counts ${expected}, in memory ${baseline.members}${baseline.extrapolated ? ` (first ${baseline.scanned})` : ''}`,
          )
        if (baseline.extrapolated) {
          notes.push(
            `${kind}, ${thousands(size)}: the in-memory baseline ran on the first ${thousands(baseline.scanned)} subscribers (${seconds(baseline.prefixMs)}, ${thousands(baseline.members)} members, equal to SQL's count for that prefix) and is extrapolated linearly to ${thousands(size)}.`,
          )
        }
        const approx = baseline.extrapolated ? '~' : ''
        rows.push({
          database: kind,
          subscribers: thousands(size),
          events: thousands(generated.events),
          [`SQL count (median of ${REPETITIONS})`]: seconds(counted.median),
          'SQL count (first run)': seconds(counted.first),
          'in memory (baseline)': `${approx}${seconds(baseline.ms)}${baseline.extrapolated ? ' *' : ''}`,
          ratio: `${approx}${Math.round(baseline.ms / counted.median)}×`,
          members: thousands(counted.count),
          'data generation': seconds(generated.seconds * 1000),
        })
        indexRows.push({
          database: kind,
          subscribers: thousands(size),
          'access paths in the count query plan': explained.indexes.join(', ') || '(none)',
        })
        if (size === Math.max(...sizes))
          plans.push(
            `${kind}, ${thousands(size)} subscribers (${kind === 'postgres' ? 'EXPLAIN (ANALYZE, BUFFERS)' : 'EXPLAIN QUERY PLAN'}):\n${explained.text}`,
          )

        if (kind === 'postgres' && size >= 1_000_000) {
          const verdict = (ms: number) =>
            `${seconds(ms)}, ${approx}${Math.round(baseline.ms / ms)}× the baseline: under 1 s ${ms < 1000 ? 'met' : 'NOT met'}, at least 20× ${baseline.ms / ms >= 20 ? 'met' : 'NOT met'}`
          notes.push(`Target, PostgreSQL ${thousands(size)}: ${verdict(counted.median)}.`)
        }
      } finally {
        await local.close()
      }
    }
  }
  printTable(
    `Counting a 6-condition segment (AND/OR, a 30-day event window by interest, an interest, stage, score, attribute, not paused): compiled SQL vs. loading every profile and filtering in memory; ${EVENTS_PER_SUBSCRIBER} events per subscriber`,
    rows,
  )
  printTable('Indexes the count query uses', indexRows)
  for (const note of notes) console.log(note.startsWith('Target') ? note : `* ${note}`)
  for (const text of plans) console.log(`\nQuery plan, ${text}`)
  if (problems.length) throw new Error(`SQL and in-memory counts differ: ${problems.join('; ')}`)
}
