import type { Payload } from 'payload'

import { runImportSlice, startImport, SUBSCRIBER_IMPORTS } from '@kontorwerk/consent'

import { type DatabaseKind } from '../tests/helpers/databases'
import { mailchimpCsv } from '../tests/helpers/importFixtures'
import { startLocalPayload } from '../tests/helpers/localPayload'
import { peakMemory, printTable } from './table'

/** Rows of the benchmark file (IMPORT_BENCH_ROWS); a million is extrapolated from it (the work per chunk is constant). */
const ROWS = Number(process.env.IMPORT_BENCH_ROWS ?? 20_000)

/** A Mailchimp export: every row a double opt-in, one in ten without proof. */
const exportFile = (rows: number) =>
  mailchimpCsv(
    Array.from({ length: rows }, (_, i) => ({
      confirm: i % 10 === 9 ? '' : '2024-02-01 10:05:00',
      confirmIp: '198.51.100.7',
      email: `bench-${i}@example.de`,
      first: `Vorname${i}`,
      last: `Nachname${i}`,
      optin: '2024-02-01 10:00:00',
      optinIp: '198.51.100.7',
    })),
  )

/** The peak of the JavaScript heap: what the import holds (RSS also counts the embedded SQLite's page cache, which grows with the database). */
function peakHeap() {
  let peak = process.memoryUsage().heapUsed
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20)
  return () => {
    clearInterval(timer)
    return Math.round(peak / 1024 / 1024)
  }
}

async function importOnce(payload: Payload, file: Buffer, topic: number | string) {
  const memory = peakMemory()
  const heap = peakHeap()
  let started = performance.now()
  const checked = (await payload.create({
    collection: SUBSCRIBER_IMPORTS as never,
    data: { topics: [topic] } as never,
    file: { data: file, mimetype: 'text/csv', name: 'bench.csv', size: file.length },
  })) as { id: number | string }
  const dryRunSeconds = (performance.now() - started) / 1000
  started = performance.now()
  await startImport(payload, checked.id)
  // The slices one after another, as one worker runs them.
  while (!(await runImportSlice(payload, String(checked.id))).done);
  const runSeconds = (performance.now() - started) / 1000
  return { dryRunSeconds, peakHeapMb: heap(), peakMb: memory(), runSeconds }
}

/**
 * Subscriber import: the dry run and the run of a Mailchimp export on a fresh database (SQLite,
 * and PostgreSQL when TEST_POSTGRES_URI is set), rows per second and the process's peak memory.
 */
export async function subscriberImportBench() {
  const kinds: DatabaseKind[] = process.env.TEST_POSTGRES_URI ? ['sqlite', 'postgres'] : ['sqlite']
  const file = exportFile(ROWS)
  const rows: Record<string, number | string>[] = []
  for (const kind of kinds) {
    const local = await startLocalPayload(kind, { pushSchema: true })
    try {
      const topic = (
        await local.payload.create({ collection: 'topics', data: { name: 'Newsletter', slug: 'newsletter' } as never })
      ).id
      const { dryRunSeconds, peakHeapMb, peakMb, runSeconds } = await importOnce(local.payload, file, topic)
      const perSecond = ROWS / runSeconds
      rows.push({
        database: kind,
        rows: ROWS,
        'file MB': (file.length / 1024 / 1024).toFixed(1),
        'dry run rows/s': Math.round(ROWS / dryRunSeconds),
        'run rows/s': Math.round(perSecond),
        'peak heap MB': peakHeapMb,
        'peak RSS MB': peakMb,
        '1M rows (extrapolated)': `${(1_000_000 / perSecond / 3600).toFixed(1)} h`,
      })
    } finally {
      await local.close()
    }
  }
  printTable(`Subscriber import (${ROWS} rows, chunks of 500, one worker)`, rows)
}
