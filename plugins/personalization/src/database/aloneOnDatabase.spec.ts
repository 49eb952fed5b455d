import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { aloneOnDatabase } from './aloneOnDatabase'

const LOCK = 0x74657374 // "test"

describe.skipIf(!process.env.TEST_POSTGRES_URI)('one process at a time on PostgreSQL (aloneOnDatabase)', () => {
  let local: LocalPayload
  let other: pg.Client
  const otherTakes = async () =>
    ((await other.query('select pg_try_advisory_lock($1) as locked', [LOCK])).rows[0] as { locked: boolean }).locked

  beforeAll(async () => {
    local = await startLocalPayload('postgres', { pushSchema: true })
    other = new pg.Client({ connectionString: local.databaseUri })
    await other.connect()
  }, 120_000)
  afterAll(async () => {
    await other?.end()
    await local?.close()
  })

  it('leaves the work to the process that holds the lock, and takes it once that one is done', async () => {
    expect(await otherTakes()).toBe(true)
    let ran = false
    expect(await aloneOnDatabase(local.payload, LOCK, async () => (ran = true))).toEqual({ ran: false })
    expect(ran).toBe(false)
    await other.query('select pg_advisory_unlock($1)', [LOCK])
    expect(await aloneOnDatabase(local.payload, LOCK, async () => 'done')).toEqual({ ran: true, value: 'done' })
    // Given back: another process takes it now.
    expect(await otherTakes()).toBe(true)
    await other.query('select pg_advisory_unlock($1)', [LOCK])
  })

  // The server ending the lock's session (a failover, an operator) used to be an 'error' nobody
  // listened to on the checked-out connection: the whole process ended.
  it('survives losing the connection that holds the lock: the task finishes, the lock is free', async () => {
    const outcome = aloneOnDatabase(local.payload, LOCK, async () => {
      const holder = await other.query(
        "select pid from pg_locks where locktype = 'advisory' and objid = $1 and granted",
        [LOCK],
      )
      await other.query('select pg_terminate_backend($1)', [holder.rows[0].pid])
      await new Promise((resolve) => setTimeout(resolve, 300))
      // The task's other work goes on over the pool's other connections.
      return (await local.payload.count({ collection: 'subscribers' })).totalDocs
    })
    expect(await outcome).toEqual({ ran: true, value: 0 })
    expect(await otherTakes()).toBe(true)
    await other.query('select pg_advisory_unlock($1)', [LOCK])
  })
})
