import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildConfig, getPayload } from 'payload'

import { writeAtomically } from '@kontorwerk/personalization'

import { appConfig } from '../src/config/appConfig'
import { closeDatabase } from '../src/database/close'
import { type DatabaseKind, throwawayDatabase } from '../tests/helpers/databases'
import { login, rest, type Session } from '../tests/helpers/http'
import { startProductServer, stopProductServer } from '../tests/helpers/server'
import { printTable } from './table'

const EVENTS = 20_000
const BASELINE_EVENTS = 1_000
const CONCURRENCY = 4
const BATCH = 100

/** A realistic mix of behaviour: opens, clicks on blocks, page views (some on the pricing page), downloads, forms. */
function generate(prefix: string, count: number, subscribers: (number | string)[], blocks: (number | string)[]) {
  const start = Date.now() - 24 * 3_600_000
  return Array.from({ length: count }, (_, index) => {
    const subscriber = subscribers[index % subscribers.length]
    const occurredAt = new Date(start + index * 1_000).toISOString()
    const base = { id: `${prefix}-${index}`, occurredAt, subscriber }
    switch (index % 10) {
      case 0:
      case 1:
        return {
          ...base,
          properties: { block: String(blocks[index % blocks.length]), url: 'https://kontorwerk.example/blog' },
          type: 'email_clicked',
        }
      case 2:
      case 3:
        return {
          ...base,
          properties: {
            url: index % 4 === 2 ? 'https://kontorwerk.example/preise' : 'https://kontorwerk.example/funktionen',
          },
          type: 'page_viewed',
        }
      case 4:
        return { ...base, properties: { asset: 'whitepaper-gobd.pdf' }, type: 'download' }
      case 5:
        return { ...base, properties: { form: 'webinar' }, type: 'form_submitted' }
      default:
        return { ...base, type: 'email_opened' }
    }
  })
}

async function send(url: string, session: Session, events: unknown[], batchSize: number) {
  const batches: unknown[][] = []
  for (let index = 0; index < events.length; index += batchSize) batches.push(events.slice(index, index + batchSize))
  let next = 0
  let accepted = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < batches.length) {
        const batch = batches[next++]
        const response = await fetch(`${url}/api/events`, {
          body: JSON.stringify({ events: batch }),
          headers: { ...session.headers, 'content-type': 'application/json' },
          method: 'POST',
        })
        if (!response.ok) throw new Error(`intake answered ${response.status}: ${await response.text()}`)
        accepted += ((await response.json()) as { accepted: number }).accepted
      }
    }),
  )
  return { accepted, eventsPerSecond: Math.round(events.length / ((performance.now() - started) / 1000)) }
}

type GeneratedEvent = ReturnType<typeof generate>[number]

/**
 * The ceiling of issue 20: the same events as bare batched INSERTs into the events table, as many
 * per statement and as many at once as the clients send, each batch its own transaction, with
 * nothing else (no HTTP, validation, consent, scoring or stages). Runs after the server stopped.
 */
async function bareInserts(databaseUri: string, events: GeneratedEvent[]) {
  const payload = await getPayload({
    config: await buildConfig(appConfig({ databaseUri })),
    key: `bare ${databaseUri}`,
  })
  try {
    const docs = events.map(({ id, occurredAt, subscriber, type, ...rest }) => {
      const properties: Record<string, unknown> = 'properties' in rest ? rest.properties : {}
      return {
        block: typeof properties.block === 'string' ? properties.block : null,
        eventId: `bare-${id}`,
        occurredAt: new Date(occurredAt),
        properties,
        source: 'api',
        subscriber: String(subscriber),
        type,
      }
    })
    const batches: (typeof docs)[] = []
    for (let index = 0; index < docs.length; index += BATCH) batches.push(docs.slice(index, index + BATCH))
    let next = 0
    const started = performance.now()
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < batches.length)
          await writeAtomically(payload, {
            inserts: [{ collection: 'events', conflictKey: 'eventId', docs: batches[next++], ignoreConflicts: true }],
          })
      }),
    )
    const eventsPerSecond = Math.round(docs.length / ((performance.now() - started) / 1000))
    const stored = (await payload.count({ collection: 'events' as never, where: { eventId: { like: 'bare-' } } }))
      .totalDocs
    if (stored !== docs.length) throw new Error(`bare inserts: wrote ${docs.length} events, stored ${stored}`)
    return eventsPerSecond
  } finally {
    await closeDatabase(payload)
  }
}

/**
 * Event intake over HTTP on the production server, with scores, implicit interests and stages
 * updated as part of every request: batches of 100 against single-event requests (the baseline),
 * both in the same run; afterwards the stored count must equal the sent count.
 */
export async function eventIntakeBench() {
  const kinds: DatabaseKind[] = process.env.TEST_POSTGRES_URI ? ['sqlite', 'postgres'] : ['sqlite']
  const rows: Record<string, number | string>[] = []
  for (const kind of kinds) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-events-${kind}-`))
    const database = await throwawayDatabase(kind, dataDir)
    const server = await startProductServer({ DATABASE_URI: database.uri, SEED_DEMO: 'true' }, dataDir)
    try {
      const admin = await login(server.url, 'admin@example.com', 'admin-demo-2026')
      const consents = await rest(
        server.url,
        admin,
        'GET',
        '/consent-records?limit=0&depth=0&where[purpose][equals]=tracking&where[action][equals]=confirmed',
      )
      const subscribers = [
        ...new Set<number | string>(consents.body.docs.map((doc: { subscriber: number | string }) => doc.subscriber)),
      ]
      const blocks = (await rest(server.url, admin, 'GET', '/content-blocks?limit=20&depth=0')).body.docs.map(
        (doc: { id: number | string }) => doc.id,
      )

      const baseline = await send(server.url, admin, generate('single', BASELINE_EVENTS, subscribers, blocks), 1)
      const events = generate('batch', EVENTS, subscribers, blocks)
      const batched = await send(server.url, admin, events, BATCH)
      const stored = (await rest(server.url, admin, 'GET', '/events?limit=0&where[eventId][like]=batch-')).body
        .totalDocs
      if (stored !== EVENTS) throw new Error(`${kind}: sent ${EVENTS} events, stored ${stored}`)
      await stopProductServer(server)
      const bare = await bareInserts(database.uri, events)
      rows.push({
        database: kind,
        'events sent': EVENTS,
        'events stored': stored,
        'batch of 100 (events/s)': batched.eventsPerSecond,
        'single events (events/s, baseline)': baseline.eventsPerSecond,
        ratio: `${(batched.eventsPerSecond / baseline.eventsPerSecond).toFixed(1)}×`,
        'bare batched INSERT (events/s)': bare,
        'of the bare INSERT': `${Math.round((100 * batched.eventsPerSecond) / bare)} %`,
        subscribers: subscribers.length,
      })
    } finally {
      await stopProductServer(server)
      await database.drop()
      fs.rmSync(dataDir, { force: true, recursive: true })
    }
  }
  printTable(
    `Event intake over HTTP (${CONCURRENCY} concurrent clients; scores, interests and stages updated per request; targets 5,000 events/s and half the bare INSERT)`,
    rows,
  )
}
