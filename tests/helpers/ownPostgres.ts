import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

import { freePort } from './server'

export type OwnPostgres = {
  /** Stops the cluster for good and removes its files. */
  destroy: () => Promise<void>
  /** Starts it again on the same port, with the same data. */
  start: () => void
  /** A fast shutdown: every connection is ended, as in a crash of the database host or a restart. */
  stop: () => void
  uri: string
}

const binaries = () => {
  const root = '/usr/lib/postgresql'
  const version = fs
    .readdirSync(root)
    .sort((a, b) => Number(a) - Number(b))
    .at(-1)
  if (!version)
    throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql (scripts/postgres.sh installs them)')
  return path.join(root, version, 'bin')
}

/**
 * A PostgreSQL cluster of its own (initdb in a temporary directory, its own port and socket), for a
 * test that stops and starts the database: the shared test server is used by other tests and must
 * stay up. As root, the cluster runs as the `postgres` user (PostgreSQL refuses to run as root).
 */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const bin = binaries()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'own-pg-'))
  const data = path.join(dir, 'data')
  const port = await freePort()
  const asRoot = process.getuid?.() === 0
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString())
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString())
    fs.chownSync(dir, uid, gid)
  }
  const run = (command: string, args: string[]) =>
    execFileSync(
      asRoot ? 'runuser' : path.join(bin, command),
      asRoot ? ['-u', 'postgres', '--', path.join(bin, command), ...args] : args,
      {
        stdio: 'pipe',
      },
    )
  run('initdb', ['-D', data, '-U', 'payload', '--auth=trust', '-E', 'UTF8', '--no-sync'])
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'postgres.log'), '-w', 'start'])
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
  start()
  const admin = new pg.Client({ connectionString: `postgres://payload@127.0.0.1:${port}/postgres` })
  await admin.connect()
  await admin.query('CREATE DATABASE app')
  await admin.end()
  return {
    destroy: async () => {
      try {
        stop()
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { force: true, recursive: true })
    },
    start,
    stop,
    uri: `postgres://payload@127.0.0.1:${port}/app`,
  }
}
