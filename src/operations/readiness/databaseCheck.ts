import { runSql, sql } from '@kontorwerk/personalization'

import { type ReadinessCheck } from './check'

type MongoConnection = { connection?: { db?: { admin: () => { ping: () => Promise<unknown> } } } }

/** The database answers a trivial statement (MongoDB: a ping). */
export const databaseCheck: ReadinessCheck = {
  name: 'database',
  run: async (payload) => {
    if (payload.db.name === 'mongoose') {
      const db = (payload.db as unknown as MongoConnection).connection?.db
      if (!db) return { detail: 'not connected', ok: false }
      await db.admin().ping()
    } else await runSql(payload, sql`select 1`)
    return { ok: true }
  },
}
