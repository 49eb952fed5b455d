import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { type DatabaseKind, throwawayDatabase } from '../tests/helpers/databases'
import { login, rest, type Session } from '../tests/helpers/http'
import { startProductServer, stopProductServer } from '../tests/helpers/server'
import { printTable } from './table'

const EVENTS = 20_000
const BASELINE_EVENTS = 1_000
const CONCURRENCY = 4

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
      const batched = await send(server.url, admin, generate('batch', EVENTS, subscribers, blocks), 100)
      const stored = (await rest(server.url, admin, 'GET', '/events?limit=0&where[eventId][like]=batch-')).body
        .totalDocs
      rows.push({
        database: kind,
        'events sent': EVENTS,
        'events stored': stored,
        'batch of 100 (events/s)': batched.eventsPerSecond,
        'single events (events/s, baseline)': baseline.eventsPerSecond,
        ratio: `${(batched.eventsPerSecond / baseline.eventsPerSecond).toFixed(1)}×`,
        subscribers: subscribers.length,
      })
      if (stored !== EVENTS) throw new Error(`${kind}: sent ${EVENTS} events, stored ${stored}`)
    } finally {
      await stopProductServer(server)
      await database.drop()
      fs.rmSync(dataDir, { force: true, recursive: true })
    }
  }
  printTable(
    `Event intake over HTTP (${CONCURRENCY} concurrent clients; scores, interests and stages updated per request; target 5,000 events/s)`,
    rows,
  )
}
