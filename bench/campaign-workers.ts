import fs from 'node:fs'
import path from 'node:path'

import { scheduleCampaign, staffRequest } from '@kontorwerk/campaigns/testing'

import { seedDemoData } from '../src/seed'
import { createAudience } from '../tests/helpers/audience'
import { startLocalPayload } from '../tests/helpers/localPayload'
import { waitFor, waitForCampaign } from '../tests/helpers/sendCrash'
import { startWorker, type Worker } from '../tests/helpers/worker'
import { expectEverySent, startSink } from './campaign-send'
import { printTable } from './table'

const RECIPIENTS = Number(process.env.WORKERS_BENCH_RECIPIENTS ?? 10_000)
const WORKER_COUNTS = [1, 2, 3]

/**
 * Issue #20's worker bench (`npm run bench -- workers`, PostgreSQL): one campaign of RECIPIENTS sent
 * by 1, 2 and 3 `npm run worker` processes (started and ready before the campaign is scheduled), the
 * SMTP sink in its own process. Measures schedule → done, and how the send jobs spread.
 */
export async function campaignWorkersBench() {
  if (!process.env.TEST_POSTGRES_URI) {
    console.log(
      'Workers bench skipped: it needs PostgreSQL (TEST_POSTGRES_URI=$(bash scripts/postgres.sh) npm run bench -- workers)',
    )
    return
  }
  const sink = await startSink()
  const rows: Record<string, number | string>[] = []
  const local = await startLocalPayload('postgres')
  const { payload } = local
  try {
    await seedDemoData(payload)
    const newsletter = (await payload.find({ collection: 'newsletters', where: { slug: { equals: 'wochen-update' } } }))
      .docs[0].id
    for (const count of WORKER_COUNTS) {
      const audience = await createAudience(payload, {
        count: RECIPIENTS,
        prefix: `bench-w${count}-`,
        trackingEvery: 2,
      })
      const logs = Array.from({ length: count }, (_, slot) => path.join(local.dir, `bench-${count}-${slot}.log`))
      const workers: Worker[] = logs.map((log) =>
        startWorker(
          {
            DATABASE_URI: local.databaseUri,
            DATA_DIR: process.env.DATA_DIR ?? local.dir,
            SMTP_HOST: '127.0.0.1',
            SMTP_PORT: String(sink.port),
          },
          log,
        ),
      )
      try {
        const read = (log: string) => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '')
        await waitFor(
          () => logs.every((log) => read(log).includes('Campaign worker started')),
          300_000,
          'the workers to start',
        )
        const before = await sink.count()
        const started = performance.now()
        const campaign = await scheduleCampaign(payload, await staffRequest(payload), {
          audience: audience.segment,
          newsletter,
        })
        const done = await waitForCampaign(payload, campaign.id, 1_800_000)
        const elapsed = performance.now() - started
        await expectEverySent(payload, sink, { before, done, expected: RECIPIENTS, label: `${count} workers` })
        rows.push({
          workers: count,
          recipients: RECIPIENTS.toLocaleString('en'),
          'msg/s': Math.round(RECIPIENTS / (elapsed / 1000)),
          'end to end': `${(elapsed / 1000).toFixed(1)} s`,
          'send jobs per worker': logs.map((log) => (read(log).match(/Running 1 jobs/g) ?? []).length).join(' / '),
        })
      } finally {
        await Promise.all(workers.map((worker) => worker.stop()))
      }
    }
  } finally {
    await local.close()
    sink.stop()
  }
  printTable(
    `Campaign send by several workers on PostgreSQL: ${RECIPIENTS.toLocaleString('en')} recipients each (schedule → done), SMTP sink in its own process, ${WORKER_COUNTS.join('/')} worker processes`,
    rows,
  )
}
