import type { TestProject } from 'vitest/node'

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { type DatabaseKind, type ThrowawayDatabase, throwawayDatabase } from '../helpers/databases'
import { type RunningServer, startProductServer, stopProductServer } from '../helpers/server'
import { startSmtpSink } from '../helpers/smtp'

export type ServerInfo = { dataDir: string; databaseUri: string; kind: DatabaseKind; url: string }

declare module 'vitest' {
  export interface ProvidedContext {
    /** Every mail the servers sent, one JSON file per message (to, subject, text, html). */
    mailDir: string
    servers: ServerInfo[]
  }
}

/** One running product per SQL database (SQLite always, PostgreSQL when available), shared by all HTTP and browser tests. */
export default async function setup(project: TestProject) {
  if (!fs.existsSync('.next/BUILD_ID'))
    throw new Error('No production build: run `npm run build` first (`npm test` does)')

  const kinds: DatabaseKind[] = process.env.TEST_POSTGRES_URI ? ['sqlite', 'postgres'] : ['sqlite']
  const started: { database: ThrowawayDatabase; info: ServerInfo; server: RunningServer }[] = []
  // A real SMTP server receives the servers' mail; tests read it from files (they run in other processes).
  const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mail-'))
  let count = 0
  const smtp = await startSmtpSink({
    onMessage: (mail) =>
      fs.writeFileSync(
        path.join(mailDir, `${Date.now()}-${++count}.json`),
        JSON.stringify({
          html: mail.html,
          subject: mail.subject,
          text: mail.text,
          to: mail.to && [mail.to].flat().flatMap((to) => to.value.map((v) => v.address)),
        }),
      ),
  })
  const teardown = async () => {
    await Promise.all(started.map(({ server }) => stopProductServer(server)))
    await smtp.close()
    fs.rmSync(mailDir, { force: true, recursive: true })
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
        // TRUST_PROXY: tests act as a local reverse proxy, so X-Forwarded-For can stand for other clients (per-address limits).
        const server = await startProductServer(
          {
            DATABASE_URI: database.uri,
            SEED_DEMO: 'true',
            SMTP_HOST: '127.0.0.1',
            SMTP_PORT: String(smtp.port),
            TRUST_PROXY: 'loopback',
          },
          dataDir,
        )
        started.push({ database, info: { dataDir, databaseUri: database.uri, kind, url: server.url }, server })
      }),
    )
  } catch (error) {
    await teardown()
    throw error
  }

  project.provide('mailDir', mailDir)
  project.provide(
    'servers',
    started
      .map(({ info }) => info)
      .sort((a, b) => a.kind.localeCompare(b.kind))
      .reverse(),
  )
  return teardown
}
