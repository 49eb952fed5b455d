import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { graphql, login, rest, type Session } from '../helpers/http'
import { type OwnPostgres, startOwnPostgres } from '../helpers/ownPostgres'
import { freePort, type RunningServer, startProductServer, stopProductServer } from '../helpers/server'
import { type SmtpSink, startSmtpSink } from '../helpers/smtp'
import { startWorker, type Worker } from '../helpers/worker'

const TOKEN = `metrics-${Math.random().toString(36).slice(2)}`

type Readiness = { checks: Record<string, { detail?: string; ok: boolean }>; failing: string[]; status: string }

const readyz = async (base: string) => {
  const response = await fetch(`${base}/readyz`)
  return { body: (await response.json()) as Readiness, status: response.status }
}

/** Polls until `predicate` holds for the answer, or fails with the last answer seen. */
async function eventually<T>(read: () => Promise<T>, predicate: (value: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms
  let last: T | undefined
  while (Date.now() < deadline) {
    last = await read().catch(() => last)
    if (last !== undefined && predicate(last)) return last
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
  throw new Error(`condition not met within ${ms} ms; last: ${JSON.stringify(last)}`)
}

/** The value of one sample of a Prometheus text page, whatever the order of its labels; NaN when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  for (const line of text.split('\n')) {
    const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!match || match[1] !== name) continue
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key, value]),
    )
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3])
  }
  return Number.NaN
}

const logLines = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>]
      } catch {
        return []
      }
    })

/**
 * Issue 20's operator view, on a production server and a worker of their own: their PostgreSQL
 * cluster is stopped and started again, and the server gets SIGTERM, none of which the shared
 * test servers may suffer.
 */
describe('operations: readiness, metrics, request ids, orderly stop', () => {
  let database: OwnPostgres
  let smtp: SmtpSink
  let server: RunningServer
  let worker: Worker
  let workerUrl: string
  let admin: Session
  let dataDir: string

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'operations-'))
    database = await startOwnPostgres()
    smtp = await startSmtpSink({ parse: false })
    const env = {
      DATABASE_URI: database.uri,
      METRICS_TOKEN: TOKEN,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
    }
    server = await startProductServer({ ...env, SEED_DEMO: 'true' }, dataDir)
    const healthPort = await freePort()
    workerUrl = `http://127.0.0.1:${healthPort}`
    worker = startWorker(
      { ...env, DATA_DIR: dataDir, NODE_ENV: 'production', WORKER_HEALTH_PORT: String(healthPort) },
      path.join(dataDir, 'worker.log'),
    )
    admin = await login(server.url, 'admin@example.com', 'admin-demo-2026')
  })
  afterAll(async () => {
    await worker?.kill()
    if (server) await stopProductServer(server)
    await smtp?.close()
    await database?.destroy()
    fs.rmSync(dataDir, { force: true, recursive: true })
  })

  it('answers /readyz 200 on server and worker when database, migrations, job queue and SMTP are fine', async () => {
    const ready = await readyz(server.url)
    expect(ready.status).toBe(200)
    expect(ready.body.status).toBe('ready')
    expect(Object.keys(ready.body.checks).sort()).toEqual(['database', 'jobQueue', 'migrations', 'smtp'])
    expect(ready.body.checks.migrations.detail).toMatch(/^\d+ applied$/)
    const fromWorker = await eventually(
      () => readyz(workerUrl),
      (answer) => answer.status === 200,
      60_000,
    )
    expect(fromWorker.body.failing).toEqual([])
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })

  it('serves /metrics only with the token, with the database-wide counts and the request timings', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401)
    const wrong = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })
    expect(wrong.status).toBe(401)
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Bearer/)
    expect((await fetch(`${workerUrl}/metrics`)).status).toBe(401)

    // One of each measured request: an event batch, a rendered landing page, a segment count.
    const subscriber = (await rest(server.url, admin, 'GET', '/subscribers?limit=1&depth=0')).body.docs[0]
    const events = await rest(server.url, admin, 'POST', '/events', {
      events: [
        {
          id: `ops-${Date.now()}`,
          subscriber: subscriber.id,
          type: 'page_viewed',
          properties: { url: 'https://kontorwerk.example/preise' },
        },
      ],
    })
    expect(events.status).toBe(200)
    const page = await graphql(
      server.url,
      admin,
      '{ personalizedLandingPage(slug: "fuer-sie", context: { stage: "lead" }) { title } }',
    )
    expect(page.errors).toBeUndefined()
    const preview = await rest(server.url, admin, 'POST', '/segments/preview', {
      rules: { combinator: 'and', rules: [{ field: 'locale', operator: '=', value: 'de' }] },
    })
    expect(preview.status).toBe(200)

    const scrape = async (base: string) => {
      const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
      return response.text()
    }
    const text = await scrape(server.url)
    for (const family of [
      'kontorwerk_campaign_messages_total',
      'kontorwerk_job_queue_depth',
      'kontorwerk_job_queue_oldest_due_seconds',
      'kontorwerk_event_intake_events_per_second',
      'kontorwerk_event_intake_batch_seconds',
      'kontorwerk_render_seconds',
      'kontorwerk_segment_count_seconds',
      'process_resident_memory_bytes',
    ])
      expect(text).toContain(`# TYPE ${family} `)
    const onServer = { role: 'server' }
    expect(sample(text, 'kontorwerk_database_up', onServer)).toBe(1)
    expect(sample(text, 'kontorwerk_event_intake_batch_seconds_count', { ...onServer, status: '2xx' })).toBe(1)
    expect(
      sample(text, 'kontorwerk_render_seconds_count', { ...onServer, document: 'landing_page', status: '2xx' }),
    ).toBe(1)
    expect(sample(text, 'kontorwerk_segment_count_seconds_count', { ...onServer, status: '2xx', via: 'preview' })).toBe(
      1,
    )
    // The event just stored counts in the rate of the last minute (1/60 per second at least).
    expect(sample(text, 'kontorwerk_event_intake_events_per_second', onServer)).toBeGreaterThanOrEqual(1 / 60)

    // A worker's page: its own process, not the database-wide counts (the server's page has those once).
    const fromWorker = await scrape(workerUrl)
    expect(sample(fromWorker, 'process_resident_memory_bytes', { role: 'worker' })).toBeGreaterThan(0)
    expect(fromWorker).not.toContain('kontorwerk_campaign_messages_total')
  })

  it("echoes a sane X-Request-Id, replaces any other, and names it in the server's JSON log lines", async () => {
    const id = `ops-test-${Date.now()}`
    // A wrong password: Payload's own error handler logs it, inside the request.
    const response = await fetch(`${server.url}/api/users/login`, {
      body: JSON.stringify({ email: 'admin@example.com', password: 'not-the-password' }),
      headers: { 'content-type': 'application/json', 'x-request-id': id },
      method: 'POST',
    })
    expect(response.status).toBe(401)
    expect(response.headers.get('x-request-id')).toBe(id)
    const lines = await eventually(
      async () => logLines(server.logFile).filter((line) => line.requestId === id),
      (found) => found.length >= 2,
      10_000,
    )
    expect(lines.find((line) => line.msg === 'request')).toMatchObject({
      method: 'POST',
      path: '/api/users/login',
      status: 401,
    })
    // Payload's own line about the failed login carries the id too (not only the access line).
    expect(lines.some((line) => line.msg !== 'request' && line.level === 50)).toBe(true)
    expect(typeof lines[0].time).toBe('string')

    const forged = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'a b"}\u00e4' } })
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('answers /readyz 503 naming "database" while PostgreSQL is stopped, and 200 once it is back', async () => {
    database.stop()
    try {
      const down = await eventually(
        () => readyz(server.url),
        (answer) => answer.status === 503,
      )
      expect(down.body.status).toBe('not ready')
      expect(down.body.failing).toContain('database')
      expect(down.body.checks.database.detail).toBe('ECONNREFUSED')
      expect(down.body.checks.smtp.ok).toBe(true)
      // The process itself is up (and did not die of the lost connections).
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    } finally {
      database.start()
    }
    const back = await eventually(
      () => readyz(server.url),
      (answer) => answer.status === 200,
    )
    expect(back.body.failing).toEqual([])
  })

  it('finishes a request in flight on SIGTERM, accepts no new connection, and exits 0 within 30 s', async () => {
    const subscriber = (await rest(server.url, admin, 'GET', '/subscribers?limit=1&depth=0')).body.docs[0]
    const body = JSON.stringify({
      events: Array.from({ length: 50 }, (_, index) => ({
        id: `ops-stop-${Date.now()}-${index}`,
        subscriber: subscriber.id,
        properties: { asset: `whitepaper-${index}.pdf` },
        type: 'download',
      })),
    })
    const { port } = new URL(server.url)
    // A slow client: half of the body now, the rest after the signal.
    const answer = new Promise<{ body: string; status: number }>((resolve, reject) => {
      const request = http.request(
        {
          headers: { ...admin.headers, 'content-length': Buffer.byteLength(body), 'content-type': 'application/json' },
          host: '127.0.0.1',
          method: 'POST',
          path: '/api/events',
          port,
        },
        (response) => {
          let text = ''
          response.on('data', (chunk: Buffer) => (text += chunk.toString()))
          response.on('end', () => resolve({ body: text, status: response.statusCode ?? 0 }))
        },
      )
      request.on('error', reject)
      request.write(body.slice(0, 100))
      setTimeout(() => request.end(body.slice(100)), 2_000)
    })
    await new Promise((resolve) => setTimeout(resolve, 300))
    const exited = new Promise<{ at: number; code: null | number }>((resolve) =>
      server.process.once('exit', (code) => resolve({ at: Date.now(), code })),
    )
    const signalledAt = Date.now()
    server.process.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 500))
    // Stopped accepting: a new connection is refused while the slow request is still running.
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow()

    const result = await answer
    expect(result.status).toBe(200)
    expect(JSON.parse(result.body).accepted).toBe(50)
    const { at, code } = await exited
    expect(code).toBe(0)
    expect(at - signalledAt).toBeLessThan(30_000)
    expect(logLines(server.logFile).some((line) => line.msg === 'Stopped')).toBe(true)
  })
})
