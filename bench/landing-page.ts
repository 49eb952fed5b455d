import autocannon from 'autocannon'
import { execSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildConfig, getPayload } from 'payload'

import { CHANNELS, GOALS, paragraphsToRichText } from '@kontorwerk/personalization'

import { appConfig } from '../src/config/appConfig'
import { closeDatabase } from '../src/database/close'
import { seedDemoData } from '../src/seed'
import { startProductServer, stopProductServer } from '../tests/helpers/server'
import { printTable } from './table'

const BLOCKS = 10_000
const DURATION_S = 10

const FIND = '{ ContentBlocks(limit: 10, where: { channels: { in: [landing_page] } }) { docs { id title } } }'
const PAGE = '/api/personalized/landing-pages/fuer-sie'
/** Browser visitors with reading histories (the SDK's `landingPage(slug)` with its visitor id). */
const VISITORS = Array.from({ length: 12 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`)
const ARTICLES = ['/demo/ratgeber/e-rechnung', '/demo/ratgeber/cloud', '/demo/ratgeber/gobd']

const PERSONALIZED = (stage: string, interest: string) =>
  `{ personalizedLandingPage(slug: "fuer-sie", context: { stage: "${stage}", interests: [{ interest: "${interest}", weight: 1 }] }) { sections { key blocks { id title reason { score } } } } }`

/** Prepares a SQLite database with the demo and 10,000 generated blocks, as the server will see it. */
async function prepare(dataDir: string, databaseUri: string) {
  process.env.DATA_DIR = dataDir
  const payload = await getPayload({ config: await buildConfig(appConfig({ databaseUri })), key: databaseUri })
  await seedDemoData(payload)
  const interests = (await payload.find({ collection: 'interests', limit: 0 })).docs
  const stages = (await payload.find({ collection: 'lifecycle-stages', limit: 0 })).docs
  const req = { payload } as never
  for (let i = 0; i < BLOCKS; i++) {
    await payload.db.create({
      collection: 'content-blocks',
      data: {
        _status: 'published',
        body: paragraphsToRichText([`Generierter Block ${i} mit etwas Text für die Landingpage.`]),
        channels: [CHANNELS[i % CHANNELS.length], 'landing_page'],
        goal: GOALS[i % GOALS.length],
        interests: [interests[i % interests.length].id, interests[(i * 7) % interests.length].id],
        isFallback: false,
        locale: i % 5 === 0 ? 'en' : 'de',
        priority: i % 100,
        stages: [stages[i % stages.length].id],
        title: `Generierter Block ${i}`,
      },
      req,
      returning: false,
    })
  }
  // Each visitor read three articles, mostly of one topic.
  for (const [index, visitor] of VISITORS.entries()) {
    for (const [view, url] of [ARTICLES[index % 3], ARTICLES[index % 3], ARTICLES[(index + 1) % 3]].entries()) {
      await payload.db.create({
        collection: 'visitor-events',
        data: {
          eventId: `bench-${index}-${view}`,
          occurredAt: new Date().toISOString(),
          type: 'page_viewed',
          url,
          visitor,
        },
        req,
        returning: false,
      })
    }
  }
  await closeDatabase(payload)
}

type Load = { errors: number; latencies: number[]; requestsPerSecond: number }

/** GraphQL queries POSTed, or paths to GET; a run rotates through its requests (all of one kind). */
type Requests = { gets: string[] } | { queries: string[] }

async function load(url: string, requests: Requests): Promise<Load> {
  let next = 0
  const run = (duration: number) =>
    new Promise<Load>((resolve, reject) => {
      const latencies: number[] = []
      const instance = autocannon(
        {
          connections: 10,
          duration,
          // One kind per run: autocannon's connections stalled when one run mixed GETs and POSTs.
          requests: [
            'gets' in requests
              ? {
                  method: 'GET',
                  setupRequest: (request) => ({ ...request, path: requests.gets[next++ % requests.gets.length] }),
                }
              : {
                  headers: { 'content-type': 'application/json' },
                  method: 'POST',
                  setupRequest: (request) => ({
                    ...request,
                    body: JSON.stringify({ query: requests.queries[next++ % requests.queries.length] }),
                  }),
                },
          ],
          url: 'gets' in requests ? url : `${url}/api/graphql`,
        },
        (error, result) =>
          error
            ? reject(error)
            : resolve({ errors: result.errors + result.non2xx, latencies, requestsPerSecond: result.requests.average }),
      )
      // Every response's time, so the percentiles are exact rather than autocannon's fixed set.
      instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime))
    })
  await run(2) // warm-up: caches, JIT
  const result = await run(DURATION_S)
  if (result.latencies.length === 0) throw new Error(`no answers from ${JSON.stringify(requests).slice(0, 200)}`)
  return result
}

/**
 * Waits until the server answers a page quickly three times in a row: after the start it loads the
 * block library (seconds for 10,000 blocks) and runs the demo's due jobs, which would otherwise
 * stall the first measurement.
 */
async function settle(url: string) {
  for (let quick = 0, started = Date.now(); quick < 3 && Date.now() - started < 120_000;) {
    const begun = Date.now()
    await fetch(`${url}${PAGE}`).then((response) => response.arrayBuffer())
    quick = Date.now() - begun < 200 ? quick + 1 : 0
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length

export async function landingPageBench() {
  if (!fs.existsSync('.next/BUILD_ID')) execSync('npx next build', { stdio: 'inherit' })
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-landing-'))
  const databaseUri = `file:${dataDir}/bench.db`
  const prepared = Date.now()
  await prepare(dataDir, databaseUri)
  console.log(`\nprepared ${BLOCKS} blocks in ${Math.round((Date.now() - prepared) / 1000)} s`)
  // One load generator is one anonymous address: without lifting the per-address limit it would measure refusals.
  const server = await startProductServer(
    { DATABASE_URI: databaseUri, PERSONALIZATION_RATE_LIMIT: '0', SEED_DEMO: 'false' },
    dataDir,
  )
  try {
    await settle(server.url)
    const plain = await load(server.url, { queries: [FIND] })
    const contexts = ['lead', 'mql', 'customer', 'at_risk'].flatMap((stage) =>
      ['e-rechnung', 'dsgvo', 'cloud-umstieg'].map((interest) => PERSONALIZED(stage, interest)),
    )
    const personalized = await load(server.url, { queries: contexts })
    const anonymous = await load(server.url, { gets: [PAGE] })
    const visitors = await load(server.url, { gets: VISITORS.map((visitor) => `${PAGE}?visitor=${visitor}`) })
    const row = (approach: string, result: Load, baseline: Load) => ({
      approach,
      errors: result.errors,
      'mean ms': mean(result.latencies).toFixed(1),
      'p50 ms': percentile(result.latencies, 50).toFixed(1),
      'p95 ms': percentile(result.latencies, 95).toFixed(1),
      'req/s': Math.round(result.requestsPerSecond),
      'ratio (mean latency)': `${(mean(result.latencies) / mean(baseline.latencies)).toFixed(2)}×`,
    })
    printTable(
      `Landing page over HTTP (GraphQL, SQLite, ${BLOCKS + 46} blocks, 10 connections, ${DURATION_S} s each)`,
      [
        row('baseline: plain find of 10 content blocks', plain, plain),
        row('personalizedLandingPage (2 slots, 12 contexts)', personalized, plain),
        row(`GET ${PAGE} (anonymous)`, anonymous, plain),
        row(`GET ${PAGE}?visitor= (12 visitors with reading histories)`, visitors, plain),
      ],
    )
  } finally {
    await stopProductServer(server)
    fs.rmSync(dataDir, { force: true, recursive: true })
  }
}
