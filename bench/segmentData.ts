import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-sqlite'

/** The moment every generated date is relative to, and the segment bench evaluates at. */
export const NOW = new Date('2026-06-15T12:00:00.000Z')
export const EVENTS_PER_SUBSCRIBER = 10

const NOW_S = NOW.getTime() / 1000
const DAY_S = 86_400
const P = 2_147_483_647 // 2^31 - 1

export type Dialect = 'postgres' | 'sqlite'
type Row = Record<string, unknown>
type SqlDatabase = {
  all?: (query: unknown) => Promise<Row[]>
  execute?: (query: unknown) => Promise<{ rows: Row[] }>
  run?: (query: unknown) => Promise<unknown>
}

export type Reference = {
  blocks: Record<'finanzen' | 'laufen' | 'rente' | 'sport' | 'steuern' | 'trail', string>
  interests: Record<'finanzen' | 'laufen' | 'rente' | 'sport' | 'steuern' | 'trail', string>
  personas: Record<'gf' | 'it', string>
  stages: Record<'at_risk' | 'customer' | 'lead' | 'mql' | 'subscriber', string>
  topic: string
}

export const dialectOf = (payload: Payload): Dialect => {
  if (payload.db.name === 'sqlite' || payload.db.name === 'postgres') return payload.db.name
  throw new Error(`the segment bench needs SQLite or PostgreSQL, not ${payload.db.name}`)
}

/** Raw SQL on Payload's own connection (pool): rows for a query. */
export async function query(payload: Payload, statement: unknown): Promise<Row[]> {
  const db = (payload.db as unknown as { drizzle: SqlDatabase }).drizzle
  if (db.all) return db.all(statement)
  return (await db.execute!(statement)).rows
}

/** A statement without results (DDL, inserts) on Payload's own connection. */
export const run = async (payload: Payload, text: string) => {
  const db = (payload.db as unknown as { drizzle: SqlDatabase }).drizzle
  if (db.run) await db.run(sql.raw(text))
  else await db.execute!(sql.raw(text))
}

/** The small world the segment refers to, created through Payload (hooks, localized labels, relationships). */
export async function createReference(payload: Payload): Promise<Reference> {
  const ref = (id: string) => (payload.db.defaultIDType === 'number' ? Number(id) : id)
  const stages = {} as Reference['stages']
  for (const [key, order] of [
    ['subscriber', 10],
    ['lead', 20],
    ['mql', 30],
    ['customer', 50],
    ['at_risk', 70],
  ] as const) {
    const existing = await payload.find({ collection: 'lifecycle-stages', limit: 1, where: { key: { equals: key } } })
    stages[key] = String(
      (
        existing.docs[0] ??
        (await payload.create({ collection: 'lifecycle-stages', data: { key, label: key, order } as never }))
      ).id,
    )
  }
  const interests = {} as Reference['interests']
  for (const [slug, parent] of [
    ['sport', null],
    ['laufen', 'sport'],
    ['trail', 'laufen'],
    ['finanzen', null],
    ['steuern', 'finanzen'],
    ['rente', 'finanzen'],
  ] as const) {
    const data = { label: slug, slug, ...(parent === null ? {} : { parent: ref(interests[parent]) }) }
    interests[slug] = String((await payload.create({ collection: 'interests', data: data as never })).id)
  }
  const personas = {} as Reference['personas']
  for (const slug of ['gf', 'it'] as const) {
    const data = {
      name: slug,
      profile: [{ attribute: 'attributes.role', operator: 'in', values: [slug], weight: 1 }],
      slug,
    }
    personas[slug] = String((await payload.create({ collection: 'personas', data: data as never })).id)
  }
  const topic = String(
    (await payload.create({ collection: 'topics', data: { name: 'News', slug: 'news' } as never })).id,
  )
  const blocks = {} as Reference['blocks']
  for (const [slug, interest] of Object.entries(interests) as [keyof Reference['interests'], string][]) {
    const body = {
      root: {
        children: [{ children: [{ text: `Über ${slug}`, type: 'text', version: 1 }], type: 'paragraph', version: 1 }],
        type: 'root',
        version: 1,
      },
    }
    blocks[slug] = String(
      (
        await payload.create({
          collection: 'content-blocks',
          data: { body, interests: [ref(interest)], title: `Block ${slug}` } as never,
        })
      ).id,
    )
  }
  return { blocks, interests, personas, stages, topic }
}

/**
 * A well-mixed pseudo-random number in [0, 2^31-1) from a row number and a salt: an affine
 * step, a square (non-linear, so different salts are not just shifts of each other) and a fold.
 * The same expression on SQLite and PostgreSQL (64-bit integers), so both hold the same world.
 */
export function hash(n: string, salt: number): string {
  const a = [48271, 69621, 16807, 39373, 40692, 40014, 53668, 12211, 92717, 63689][salt % 10] * 1_000 + 7 * salt + 1
  const x = `((${n}) * ${a} + ${salt * 104_729 + 12_345}) % ${P}`
  return `(((((${x}) * (${x})) % ${P}) * 69069 + (${x})) % ${P})`
}
/** Digit pair `i` (0–3) of a hash: four independent-enough numbers 0–99 from one hash. */
export const digits = (h: string, i: number) => `((${h} / ${100 ** i}) % 100)`
/** `case` over cumulative percentages: [[30, 'a'], [60, 'b'], [100, 'c']]. */
const pick = (d: string, options: [number, string][]) =>
  `(case ${options.map(([below, value]) => `when ${d} < ${below} then ${value}`).join(' ')} end)`
const text = (value: string) => `'${value}'`

export class Writer {
  constructor(
    private readonly payload: Payload,
    private readonly dialect: Dialect,
  ) {}

  /** Rows 1…n (from `from` to `to`) as `nums(n)`, a 64-bit integer on both databases. */
  numbers(from: number, to: number) {
    return this.dialect === 'postgres'
      ? `with nums(n) as (select g::bigint from generate_series(${from}, ${to}) g)`
      : `with recursive nums(n) as (select ${from} union all select n + 1 from nums where n < ${to})`
  }
  /**
   * `nums` with named hash columns computed once per row: a subquery the planner must not
   * flatten (OFFSET 0), or it would compute every hash again wherever a column is used.
   */
  hashed(columns: Record<string, string>, from = 'nums', where = '') {
    const list = Object.entries(columns)
      .map(([name, expression]) => `${expression} as ${name}`)
      .join(', ')
    return `(select *, ${list} from ${from}${where ? ` where ${where}` : ''} ${this.dialect === 'postgres' ? 'offset 0' : 'limit -1 offset 0'}) r`
  }
  /** A moment `seconds` (an SQL expression) before NOW, as the column stores it. */
  ago(seconds: string) {
    return this.dialect === 'postgres'
      ? `to_timestamp(${NOW_S} - (${seconds}))`
      : `strftime('%Y-%m-%dT%H:%M:%S.000Z', ${NOW_S} - (${seconds}), 'unixepoch')`
  }
  json(expression: string) {
    return this.dialect === 'postgres' ? `(${expression})::jsonb` : expression
  }
  enumOf(type: string, expression: string) {
    return this.dialect === 'postgres' ? `(${expression})::${type}` : expression
  }

  /** Secondary indexes (not backing a constraint) of the tables, to drop before a bulk load and rebuild after it. */
  async indexes(tables: string[]): Promise<{ create: string; name: string }[]> {
    const list = tables.map((table) => `'${table}'`).join(', ')
    const rows =
      this.dialect === 'postgres'
        ? await query(
            this.payload,
            sql.raw(`select indexname as name, indexdef as create from pg_indexes i where schemaname = current_schema() and tablename in (${list})
            and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`),
          )
        : await query(
            this.payload,
            sql.raw(
              `select name, sql as "create" from sqlite_master where type = 'index' and sql is not null and tbl_name in (${list})`,
            ),
          )
    return rows.map((row) => ({ create: String(row.create), name: String(row.name) }))
  }

  async exec(text: string) {
    await run(this.payload, text)
  }
}

export type Generated = {
  consentRecords: number
  events: number
  interests: number
  leadScores: number
  seconds: number
  subscribers: number
}

/**
 * N subscribers with 10 events each, their interests, lead scores and consent records, written
 * with `INSERT … SELECT` from a numbers source straight into Payload's tables (secondary
 * indexes dropped during the load and rebuilt from their own definitions afterwards).
 * Deterministic: every value is a hash of the row number, so both databases hold the same world.
 */
export async function generateSubscribers(
  payload: Payload,
  count: number,
  ref: Reference,
  log: (line: string) => void = () => {},
): Promise<Generated> {
  const dialect = dialectOf(payload)
  const w = new Writer(payload, dialect)
  const started = performance.now()
  const tables = ['subscribers', 'subscribers_interests', 'lead_scores', 'events', 'consent_records']
  const indexes = await w.indexes(tables)
  for (const index of indexes)
    await w.exec(`drop index ${dialect === 'postgres' ? `"${index.name}"` : `\`${index.name}\``}`)
  // One statement per chunk keeps SQLite's write-ahead log and PostgreSQL's transactions small;
  // PostgreSQL runs two chunks at a time (two cores), SQLite has one writer.
  const chunk = 100_000
  const chunks: [number, number][] = []
  for (let from = 1; from <= count; from += chunk) chunks.push([from, Math.min(count, from + chunk - 1)])
  const parallel = dialect === 'postgres' ? 2 : 1

  const h = (salt: number) => `h${salt}`
  const hashes = (...salts: number[]) => Object.fromEntries(salts.map((salt) => [h(salt), hash('n', salt)]))
  const s = ref.stages
  const subscribers = (from: number, to: number) => `${w.numbers(from, to)}
    insert into subscribers (id, email, locale, address_form, region, attributes, persona_id, stage_id, preferences_frequency, preferences_paused_until, score_fit_attributes, score_persona_fits)
    select n, 'person' || n || '@' || ${pick(digits(h(4), 0), [
      [40, text('kunde.example')],
      [70, text('firma.example')],
      [100, text('mail.example')],
    ])},
      ${w.enumOf(
        'enum_subscribers_locale',
        pick(digits(h(1), 0), [
          [70, text('de')],
          [100, text('en')],
        ]),
      )},
      ${w.enumOf(
        'enum_subscribers_address_form',
        pick(digits(h(1), 1), [
          [80, text('formal')],
          [100, text('informal')],
        ]),
      )},
      ${pick(digits(h(1), 2), [
        [25, text('Bayern')],
        [45, text('Berlin')],
        [60, text('Hamburg')],
        [75, text('Nordrhein-Westfalen')],
        [100, 'null'],
      ])},
      ${w.json(
        pick(digits(h(1), 3), [
          [
            45,
            `'{"companySize": ' || ${pick(
              `(${digits(h(2), 0)} % 10)`,
              [1, 3, 5, 8, 12, 25, 50, 120, 250, 1000].map((size, i) => [i + 1, String(size)]),
            )} || ', "role": ' || ${pick(`(${digits(h(2), 1)} % 3)`, [
              [1, `'"gf"'`],
              [2, `'"it"'`],
              [3, `'"Einkauf"'`],
            ])} || '}'`,
          ],
          [
            80,
            `'{"companySize": ' || ${pick(
              `(${digits(h(2), 0)} % 10)`,
              [1, 3, 5, 8, 12, 25, 50, 120, 250, 1000].map((size, i) => [i + 1, String(size)]),
            )} || '}'`,
          ],
          [90, `'{"companySize": "12"}'`],
          [100, 'null'],
        ]),
      )},
      ${pick(digits(h(2), 2), [
        [25, ref.personas.gf],
        [50, ref.personas.it],
        [100, 'null'],
      ])},
      ${pick(digits(h(2), 3), [
        [5, 'null'],
        [35, s.subscriber],
        [60, s.lead],
        [80, s.mql],
        [95, s.customer],
        [100, s.at_risk],
      ])},
      ${w.enumOf(
        'enum_subscribers_preferences_frequency',
        pick(digits(h(3), 0), [
          [60, text('weekly')],
          [85, text('monthly')],
          [100, text('important_only')],
        ]),
      )},
      ${pick(digits(h(3), 1), [
        [6, w.ago(`-(1 + ${digits(h(3), 2)} % 60) * ${DAY_S}`)],
        [12, w.ago(`(1 + ${digits(h(3), 2)} % 60) * ${DAY_S}`)],
        [100, 'null'],
      ])},
      (${digits(h(3), 3)} % 5) * 10,
      ${w.json(`'{"${ref.personas.gf}": ' || ${digits(h(4), 1)} || ', "${ref.personas.it}": ' || ${digits(h(4), 2)} || '}'`)}
    from ${w.hashed(hashes(1, 2, 3, 4))}`

  // 0–3 interests each, distinct per subscriber; implicit ones decay from when they were last seen.
  const interestIds = [
    ref.interests.sport,
    ref.interests.laufen,
    ref.interests.trail,
    ref.interests.finanzen,
    ref.interests.steuern,
    ref.interests.rente,
  ]
  const hi = (salt: number) => `i${salt}`
  const interests = (from: number, to: number) => `${w.numbers(from, to)}
    insert into subscribers_interests (_order, _parent_id, id, interest_id, weight, source, last_seen_at)
    select k, n, 'si-' || n || '-' || k,
      ${pick(
        `((${digits(h(6), 1)} + k) % 6)`,
        interestIds.map((id, i) => [i + 1, id]),
      )},
      ${pick(`(${digits(hi(7), 0)} % 4)`, [
        [1, '0.2'],
        [2, '0.5'],
        [3, '0.8'],
        [4, '1'],
      ])},
      ${w.enumOf(
        'enum_subscribers_interests_source',
        pick(digits(hi(7), 1), [
          [50, text('explicit')],
          [100, text('implicit')],
        ]),
      )},
      ${pick(digits(hi(7), 1), [
        [
          50,
          pick(digits(hi(7), 3), [
            [50, 'null'],
            [100, w.ago(`${digits(hi(7), 2)} * 3 * ${DAY_S}`)],
          ]),
        ],
        [100, w.ago(`${digits(hi(7), 2)} * ${DAY_S} + ${digits(hi(7), 3)} * 600`)],
      ])}
    from ${w.hashed(
      { h6: hash('n', 6), i7: hash('(n * 4 + k)', 7) },
      'nums, (select 1 as k union all select 2 union all select 3) ks',
      `k <= ${pick(digits(hash('n', 6), 0), [
        [30, '0'],
        [60, '1'],
        [85, '2'],
        [100, '3'],
      ])}`,
    )}`

  const leadScores = (from: number, to: number) => `${w.numbers(from, to)}
    insert into lead_scores (subscriber_id, fit_events, engagement_value, engagement_as_of, last_engaged_at)
    select n, ${pick(`(${digits(h(5), 1)} % 5)`, [
      [2, '0'],
      [3, '10'],
      [4, '20'],
      [5, '-30'],
    ])}, ${digits(h(5), 2)},
      ${w.ago(`${digits(h(5), 3)} * 51840`)}, ${w.ago(`${digits(h(5), 3)} * 51840`)}
    from ${w.hashed(hashes(5))} where ${digits(h(5), 0)} < 90`

  // Marketing consent by e-mail for 60 %, a later withdrawal for a tenth of those; tracking consent for 30 %.
  const consents = (from: number, to: number) => `${w.numbers(from, to)}
    insert into consent_records (subscriber_id, purpose, topic_id, channel, action, occurred_at, source)
    select n, ${w.enumOf('enum_consent_records_purpose', 'purpose')}, topic, ${w.enumOf('enum_consent_records_channel', text('email'))}, ${w.enumOf('enum_consent_records_action', 'action')}, ${w.ago('ago')}, ${w.enumOf('enum_consent_records_source', text('form'))}
    from (
      select n, 'marketing' as purpose, null as topic, 'confirmed' as action, 200 * ${DAY_S} + n % ${DAY_S} as ago from nums where ${digits(hash('n', 8), 0)} < 60
      union all select n, 'marketing', ${ref.topic}, 'confirmed', 150 * ${DAY_S} + n % ${DAY_S} from nums where ${digits(hash('n', 8), 0)} < 20
      union all select n, 'marketing', null, 'withdrawn', 20 * ${DAY_S} + n % ${DAY_S} from nums where ${digits(hash('n', 8), 0)} < 6
      union all select n, 'tracking', null, 'confirmed', 100 * ${DAY_S} + n % ${DAY_S} from nums where ${digits(hash('n', 8), 1)} < 30
    ) c`

  // 10 events per subscriber over about a year, more of them recent (age ∝ u²); clicks and page
  // views carry the block they were about, a third of those the trail block.
  const he = (salt: number) => `h${salt}`
  const blockIds = ref.blocks
  const events = (
    from: number,
    to: number,
  ) => `${w.numbers((from - 1) * EVENTS_PER_SUBSCRIBER + 1, to * EVENTS_PER_SUBSCRIBER)}
    insert into events (event_id, type, subscriber_id, occurred_at, block, properties, source)
    select 'bench-' || m, ${w.enumOf('enum_events_type', 'type')}, (m - 1) / ${EVENTS_PER_SUBSCRIBER} + 1, ${w.ago(`31536000 * (${he(9)} % 10000) * (${he(9)} % 10000) / 100000000 + ${he(10)} % 3600`)},
      case when type in ('email_clicked', 'page_viewed') and ${digits(he(10), 1)} < 80
        then ${pick(digits(he(10), 2), [
          [30, text(blockIds.trail)],
          [45, text(blockIds.laufen)],
          [55, text(blockIds.sport)],
          [70, text(blockIds.finanzen)],
          [85, text(blockIds.steuern)],
          [100, text(blockIds.rente)],
        ])} end,
      ${w.json(`case type
        when 'email_sent' then '{"campaign": "c' || (${digits(he(10), 3)} % 12) || '"}'
        when 'email_clicked' then '{"url": "https://kontorwerk.example/blog"}'
        when 'page_viewed' then ${pick(digits(he(10), 3), [
          [30, `'{"url": "https://kontorwerk.example/preise"}'`],
          [100, `'{"url": "https://kontorwerk.example/funktionen"}'`],
        ])}
        when 'download' then '{"asset": "whitepaper-gobd.pdf"}'
        when 'form_submitted' then '{"form": "webinar"}'
        when 'purchase' then '{"amount": ' || (19 + ${digits(he(10), 3)} * 10) || ', "product": "p"}'
        else '{}' end`)},
      'bench'
    from (select n as m, h9, h10, ${pick(digits(he(9), 2), [
      [20, text('email_sent')],
      [45, text('email_opened')],
      [60, text('email_clicked')],
      [82, text('page_viewed')],
      [88, text('download')],
      [93, text('form_submitted')],
      [96, text('purchase')],
      [100, text('email_delivered')],
    ])} as type from ${w.hashed(hashes(9, 10))}) e`

  const steps: [string, (from: number, to: number) => string][] = [
    ['subscribers', subscribers],
    ['subscribers_interests', interests],
    ['lead_scores', leadScores],
    ['consent_records', consents],
    ['events', events],
  ]
  for (const [table, statement] of steps) {
    const tableStarted = performance.now()
    let next = 0
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (next < chunks.length) {
          const [from, to] = chunks[next++]
          await w.exec(statement(from, to))
        }
      }),
    )
    log(`${table}: ${((performance.now() - tableStarted) / 1000).toFixed(1)} s`)
  }
  const indexStarted = performance.now()
  // Rebuilt two at a time on PostgreSQL, each with room to sort in memory.
  let nextIndex = 0
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (nextIndex < indexes.length) {
        const index = indexes[nextIndex++]
        await w.exec(
          dialect === 'postgres'
            ? `set maintenance_work_mem = '1GB'; ${index.create}; reset maintenance_work_mem`
            : index.create,
        )
      }
    }),
  )
  log(`${indexes.length} indexes rebuilt: ${((performance.now() - indexStarted) / 1000).toFixed(1)} s`)
  if (dialect === 'postgres') {
    await w.exec(`select setval('subscribers_id_seq', ${count})`)
    // What autovacuum does after a bulk load, now rather than at some moment during the measurement.
    const vacuumStarted = performance.now()
    for (const table of tables) await w.exec(`vacuum (analyze) ${table}`)
    log(`vacuum (analyze): ${((performance.now() - vacuumStarted) / 1000).toFixed(1)} s`)
  }
  const counted = async (table: string) =>
    Number((await query(payload, sql.raw(`select count(*) as count from ${table}`)))[0].count)
  return {
    consentRecords: await counted('consent_records'),
    events: await counted('events'),
    interests: await counted('subscribers_interests'),
    leadScores: await counted('lead_scores'),
    seconds: (performance.now() - started) / 1000,
    subscribers: await counted('subscribers'),
  }
}
