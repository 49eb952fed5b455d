import type { Payload } from 'payload'

type PgClient = { release?: () => void }
type PgPool = { _clients?: PgClient[]; _idle?: { client: PgClient }[]; end: () => Promise<void> }

type Connections = {
  client?: { close?: () => unknown }
  connection?: { close?: () => Promise<unknown> }
  pool?: PgPool
}

/** payload.destroy() resets the adapter but leaves its connections open; this closes them too. */
export async function closeDatabase(payload: Payload): Promise<void> {
  const db = payload.db as unknown as Connections
  await payload.destroy()
  if (db.pool) await endPool(db.pool)
  await db.connection?.close?.()
  db.client?.close?.()
}

/**
 * The postgres adapter keeps one client checked out after its schema push, and pool.end()
 * waits for it forever: hand such clients back first.
 */
async function endPool(pool: PgPool): Promise<void> {
  const idle = new Set((pool._idle ?? []).map((item) => item.client))
  for (const client of pool._clients ?? []) if (!idle.has(client)) client.release?.()
  await pool.end()
}
