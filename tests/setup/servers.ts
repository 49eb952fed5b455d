import type { TestProject } from 'vitest/node'

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { type DatabaseKind, type ThrowawayDatabase, throwawayDatabase } from '../helpers/databases'
import { type RunningServer, startProductServer, stopProductServer } from '../helpers/server'

export type ServerInfo = { dataDir: string; databaseUri: string; kind: DatabaseKind; url: string }

declare module 'vitest' {
  export interface ProvidedContext {
    servers: ServerInfo[]
  }
}

/** One running product per SQL database (SQLite always, PostgreSQL when available), shared by all HTTP and browser tests. */
export default async function setup(project: TestProject) {
  if (!fs.existsSync('.next/BUILD_ID')) throw new Error('No production build: run `npm run build` first (`npm test` does)')

  const kinds: DatabaseKind[] = process.env.TEST_POSTGRES_URI ? ['sqlite', 'postgres'] : ['sqlite']
  const started: { database: ThrowawayDatabase; info: ServerInfo; server: RunningServer }[] = []
  const teardown = async () => {
    await Promise.all(started.map(({ server }) => stopProductServer(server)))
    for (const { database, info } of started) {
      await database.drop()
      fs.rmSync(info.dataDir, { force: true, recursive: true })
    }
  }

  try {
    await Promise.all(
      kinds.map(async (kind) => {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `server-${kind}-`))
        const database = await throwawayDatabase(kind, dataDir)
        const server = await startProductServer({ DATABASE_URI: database.uri, SEED_DEMO: 'true' }, dataDir)
        started.push({ database, info: { dataDir, databaseUri: database.uri, kind, url: server.url }, server })
      }),
    )
  } catch (error) {
    await teardown()
    throw error
  }

  project.provide('servers', started.map(({ info }) => info).sort((a, b) => a.kind.localeCompare(b.kind)).reverse())
  return teardown
}
