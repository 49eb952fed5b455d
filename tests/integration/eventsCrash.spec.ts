import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'

import { throwawayDatabase, type ThrowawayDatabase } from '../helpers/databases'
import { login, rest } from '../helpers/http'
import { type RunningServer, startProductServer, stopProductServer } from '../helpers/server'

const kinds = inject('servers').map((server) => server.kind)

describe.each(kinds)('an event batch interrupted by a server kill on %s', (kind) => {
  let database: ThrowawayDatabase
  let dataDir: string
  let server: RunningServer | undefined

  afterAll(async () => {
    if (server) await stopProductServer(server)
    await database?.drop()
    if (dataDir) fs.rmSync(dataDir, { force: true, recursive: true })
  })

  it('counts every event exactly once after the retry', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `crash-${kind}-`))
    database = await throwawayDatabase(kind, dataDir)
    const env = { DATABASE_URI: database.uri, SEED_DEMO: 'true' }
    server = await startProductServer(env, dataDir)
    let admin = await login(server.url, 'admin@example.com', 'admin-demo-2026')
    const consents = await rest(
      server.url,
      admin,
      'GET',
      '/consent-records?limit=20&depth=0&where[purpose][equals]=tracking&where[action][equals]=confirmed',
    )
    const subscribers: (number | string)[] = [
      ...new Set<number | string>(consents.body.docs.map((doc: { subscriber: number | string }) => doc.subscriber)),
    ]
    const BATCHES = 8
    const batches = Array.from({ length: BATCHES }, (_, batch) =>
      Array.from({ length: 1000 }, (_, index) => ({
        id: `crash-${batch}-${index}`,
        properties: { url: 'https://kontorwerk.example/preise' },
        subscriber: subscribers[index % subscribers.length],
        type: 'page_viewed',
      })),
    )
    const post = (url: string, events: unknown[]) =>
      fetch(`${url}/api/events`, {
        body: JSON.stringify({ events }),
        headers: { ...admin.headers, 'content-type': 'application/json' },
        method: 'POST',
      })

    // All batches at once; the server works through them one by one. As soon as the first one is
    // answered, SIGKILL (no shutdown, no flush): the others are queued or in the middle of their work.
    let firstAnswered: () => void
    const answered = new Promise<void>((resolve) => (firstAnswered = resolve))
    const attempts = batches.map((events) =>
      post(server!.url, events).then(
        (response) => {
          firstAnswered()
          return response.status
        },
        () => 'connection lost',
      ),
    )
    await answered
    server.process.kill('SIGKILL')
    await new Promise((resolve) => server!.process.once('exit', resolve))
    const firstAttempt = await Promise.all(attempts)
    expect(firstAttempt.filter((status) => status === 'connection lost').length).toBeGreaterThan(0)

    // The client retries every batch it has no answer for (here: simply all of them).
    server = await startProductServer(env, dataDir)
    admin = await login(server.url, 'admin@example.com', 'admin-demo-2026')
    let accepted = 0
    let duplicates = 0
    for (const events of batches) {
      const retry = await post(server.url, events)
      expect(retry.status).toBe(200)
      const result = await retry.json()
      expect(result.accepted + result.duplicates).toBe(1000)
      accepted += result.accepted
      duplicates += result.duplicates
    }

    // Whatever the first attempt got done (all or nothing), the sum is exactly one of each.
    const count = async (collection: string) =>
      (await rest(server!.url, admin, 'GET', `/${collection}?limit=0&where[eventId][like]=crash-`)).body.totalDocs
    expect(await count('events')).toBe(BATCHES * 1000)
    // One "Preisseite besucht" hit per page view, none twice.
    expect(await count('score-hits')).toBe(BATCHES * 1000)
    console.info(
      `${kind}: first attempt ${firstAttempt.join(', ')}; the retry stored ${accepted} and found ${duplicates} already stored`,
    )
  })
})
