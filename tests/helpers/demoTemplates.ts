import type { Payload } from 'payload'

import fs from 'node:fs'
import path from 'node:path'

import { runSql, sql } from '@kontorwerk/personalization'

import { closeDatabase } from '../../src/database/close'
import { seedDemoData } from '../../src/seed'
import { type DatabaseKind, throwawayDatabase } from './databases'
import { startLocalPayload } from './localPayload'

// Seeding the demo takes 20 s on SQLite and 30 s on PostgreSQL, and some forty spec files start from
// it. A run seeds once per database kind and clones the result: PostgreSQL by CREATE DATABASE …
// TEMPLATE, SQLite by copying the file. The global setup (tests/setup/demoTemplates.ts) names the
// run's directory in KONTORWERK_DEMO_TEMPLATES; without it every spec seeds its own database.

/** A seeded, migrated demo database to clone: a file (SQLite) or a database name (PostgreSQL). */
export type DemoTemplate = { database?: string; file?: string; kind: DatabaseKind; mediaDir: string }

const ENV = 'KONTORWERK_DEMO_TEMPLATES'
const WAIT_MS = 10 * 60_000

export const templatesDir = (): string | undefined =>
  process.env[ENV] && process.env[ENV] !== 'off' ? process.env[ENV] : undefined

/**
 * The run's template for the kind: built by the first worker that asks (a directory made with
 * mkdir is the lock), waited for by the others. Undefined when templates are off or the build failed,
 * and the caller seeds as before.
 */
export async function demoTemplate(kind: DatabaseKind): Promise<DemoTemplate | undefined> {
  const dir = templatesDir()
  if (!dir || kind === 'mongodb') return undefined
  const ready = path.join(dir, `${kind}.json`)
  const failed = path.join(dir, `${kind}.failed`)
  try {
    fs.mkdirSync(path.join(dir, `${kind}.lock`))
  } catch (error) {
    // Only "someone else builds it" is worth waiting for; a directory gone (its run ended) is not.
    if ((error as { code?: string }).code !== 'EEXIST') return undefined
    for (const started = Date.now(); Date.now() - started < WAIT_MS;) {
      if (fs.existsSync(ready)) return JSON.parse(fs.readFileSync(ready, 'utf8')) as DemoTemplate
      if (fs.existsSync(failed)) return undefined
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
    return undefined
  }
  try {
    const template = await buildTemplate(kind, dir)
    // Written whole under another name first: a waiter never reads half a file.
    fs.writeFileSync(`${ready}.tmp`, JSON.stringify(template))
    fs.renameSync(`${ready}.tmp`, ready)
    return template
  } catch (error) {
    fs.writeFileSync(failed, String((error as Error)?.stack ?? error))
    console.warn(`demo template for ${kind} could not be built, seeding per spec:`, error)
    return undefined
  }
}

async function buildTemplate(kind: DatabaseKind, dir: string): Promise<DemoTemplate> {
  const local = await startLocalPayload(kind)
  await seedDemoData(local.payload)
  const mediaDir = path.join(dir, `${kind}-media`)
  fs.cpSync(await mediaDirOf(local.payload), mediaDir, { recursive: true })
  if (kind === 'sqlite') {
    // VACUUM INTO, not a file copy: the last writes of the seed are still in the write-ahead log,
    // which closing the client does not fold into the file (a copy lacked the seed's events).
    const file = path.join(dir, 'demo.db')
    await runSql(local.payload, sql.raw(`VACUUM INTO '${file.replace(/'/g, "''")}'`))
    await closeDatabase(local.payload)
    fs.rmSync(local.dir, { force: true, recursive: true })
    return { file, kind, mediaDir }
  }
  await closeDatabase(local.payload)
  // The seeded database itself becomes the template; the setup's teardown drops it.
  return { database: new URL(local.databaseUri).pathname.slice(1), kind, mediaDir }
}

/** A new database of the template's kind with the template's contents, and its uploads in place. */
export async function cloneTemplate(template: DemoTemplate, dir: string) {
  if (template.kind === 'sqlite') {
    const database = await throwawayDatabase('sqlite', dir)
    fs.copyFileSync(template.file!, fileOf(database.uri))
    return database
  }
  return throwawayDatabase('postgres', dir, template.database)
}

/** Copies the template's uploads (the demo images) where this process's Payload serves media from. */
export async function restoreMedia(template: DemoTemplate, payload: Payload): Promise<void> {
  fs.cpSync(template.mediaDir, await mediaDirOf(payload), { force: false, recursive: true })
}

async function mediaDirOf(payload: Payload): Promise<string> {
  const staticDir = payload.collections.media?.config.upload?.staticDir
  if (!staticDir) throw new Error('the media collection has no upload directory')
  return staticDir
}

const fileOf = (uri: string): string => uri.replace(/^file:/, '')
