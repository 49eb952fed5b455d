import type { Payload } from 'payload'

import { Registry } from 'prom-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runSql, sql } from '@kontorwerk/personalization'

import { testedDatabases } from '../../../tests/helpers/databases'
import { type LocalPayload, startLocalPayload } from '../../../tests/helpers/localPayload'
import { freePort } from '../../../tests/helpers/server'
import { type SmtpSink, startSmtpSink } from '../../../tests/helpers/smtp'
import { registerDatabaseMetrics } from '../metrics/databaseMetrics'
import { databaseCheck } from './databaseCheck'
import { jobQueueCheck } from './jobQueueCheck'
import { migrationsCheck } from './migrationsCheck'
import { readiness } from './readiness'
import { smtpCheck } from './smtpCheck'

describe.each(testedDatabases().filter((kind) => kind !== 'mongodb'))('readiness checks on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  let sink: SmtpSink

  beforeAll(async () => {
    local = await startLocalPayload(kind)
    payload = local.payload
    sink = await startSmtpSink({ parse: false })
  })
  afterAll(async () => {
    await local?.close()
    await sink?.close()
  })

  it('passes on a migrated database with an empty queue and a reachable SMTP server', async () => {
    const report = await readiness(payload, [
      databaseCheck,
      migrationsCheck,
      jobQueueCheck(300),
      smtpCheck({ host: '127.0.0.1', port: sink.port, secure: false }),
    ])
    expect(report.failing).toEqual([])
    expect(report.status).toBe('ready')
    expect(report.checks.migrations.detail).toMatch(/^\d+ applied$/)
  })

  it('names a migration the database has not applied', async () => {
    const [latest] = await runSql(payload, sql`select name from payload_migrations order by name desc limit 1`)
    await runSql(payload, sql`delete from payload_migrations where name = ${latest.name}`)
    try {
      const report = await readiness(payload, [migrationsCheck])
      expect(report.failing).toEqual(['migrations'])
      expect(report.checks.migrations.detail).toBe(`pending: ${String(latest.name)}`)
    } finally {
      await runSql(
        payload,
        sql`insert into payload_migrations (name, batch, updated_at, created_at)
        values (${latest.name}, 1, ${new Date().toISOString()}, ${new Date().toISOString()})`,
      )
    }
  })

  it('fails the queue check once a due job waited longer than allowed, and counts it in the metrics', async () => {
    const job = await payload.create({
      collection: 'payload-jobs',
      data: { input: {}, queue: 'ops-test', taskSlug: 'campaignStart' },
    })
    const tenMinutesAgo = new Date(Date.now() - 600_000).toISOString()
    await runSql(payload, sql`update payload_jobs set created_at = ${tenMinutesAgo} where id = ${job.id}`)
    try {
      expect((await readiness(payload, [jobQueueCheck(900)])).failing).toEqual([])
      const report = await readiness(payload, [jobQueueCheck(300)])
      expect(report.failing).toEqual(['jobQueue'])
      expect(report.checks.jobQueue.detail).toMatch(/^due jobs waiting longer than 300 s: ops-test \(6\d\d s\)$/)

      const registry = new Registry()
      registerDatabaseMetrics(registry, payload)
      const text = await registry.metrics()
      expect(text).toContain('kontorwerk_job_queue_depth{queue="ops-test",state="due"} 1')
      const waited = Number(/kontorwerk_job_queue_oldest_due_seconds\{queue="ops-test"\} (\S+)/.exec(text)?.[1])
      expect(waited).toBeGreaterThanOrEqual(600)
      expect(text).toContain('kontorwerk_database_up 1')
    } finally {
      await payload.delete({ collection: 'payload-jobs', id: job.id })
    }
  })

  it('fails the SMTP check, with the error code only, when nothing listens', async () => {
    const report = await readiness(payload, [smtpCheck({ host: '127.0.0.1', port: await freePort(), secure: false })])
    expect(report.failing).toEqual(['smtp'])
    expect(report.checks.smtp.detail).toBe('ECONNREFUSED')
  })
})
