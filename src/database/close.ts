import type { Payload } from 'payload'

type PgClient = {
  _activeQuery?: unknown
  _ended?: boolean
  _queryQueue?: unknown[]
  connection?: { once: (event: 'end', listener: () => void) => unknown }
  release?: () => void
}
type PgPool = {
  _clients?: PgClient[]
  _idle?: { client: PgClient }[]
  end: () => Promise<void>
  on: (event: 'error', listener: () => void) => unknown
}

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

const CALM_MS = 300
const WAIT_MS = 10_000

/** Clients checked out of the pool and not back yet, and whether one of them is running a query. */
function checkedOut(pool: PgPool) {
  const idle = new Set((pool._idle ?? []).map((item) => item.client))
  const clients = (pool._clients ?? []).filter((client) => !idle.has(client))
  return { busy: clients.some((client) => client._activeQuery || client._queryQueue?.length), clients }
}

/**
 * The postgres adapter keeps one client checked out after its schema push, and pool.end()
 * waits for it forever: hand such clients back first. But not while a query runs: work still in
 * flight when the app stops (a hook's follow-up, a job) would return its client after we did, and
 * pg-pool then throws "Release called on client which has already been released" (uncaught). So
 * first wait until no checked-out client has run a query for CALM_MS. Both waits take at most WAIT_MS.
 */
async function endPool(pool: PgPool): Promise<void> {
  const deadline = Date.now() + WAIT_MS
  let calmSince = Date.now()
  while (Date.now() < deadline && Date.now() - calmSince < CALM_MS) {
    const { busy, clients } = checkedOut(pool)
    if (clients.length === 0) break
    if (busy) calmSince = Date.now()
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  for (const client of checkedOut(pool).clients) client.release?.()
  const clients = [...(pool._clients ?? [])]
  // A connection the server ends while it closes (a database dropped right after) is no loss now.
  pool.on('error', () => {})
  await pool.end()
  // Within the same budget as the wait above (at least a second): a shutdown has 25 s in all (shutdown.ts).
  let timer: NodeJS.Timeout | undefined
  const givenUp = new Promise((resolve) => (timer = setTimeout(resolve, Math.max(1_000, deadline - Date.now()))))
  await Promise.race([Promise.all(clients.map(closed)), givenUp])
  clearTimeout(timer)
}

/**
 * pool.end() resolves once it has asked each client to end, not when the server has let go of the
 * connection: a DROP DATABASE … WITH (FORCE) straight after then terminates a session that is still
 * closing, and its "terminating connection due to administrator command" arrives as an error on a
 * client nobody listens to any more (an unhandled error that failed CI). Wait for the sockets.
 */
function closed(client: PgClient): Promise<void> {
  if (client._ended || !client.connection) return Promise.resolve()
  return new Promise((resolve) => client.connection?.once('end', () => resolve()))
}
