import type { Payload } from 'payload'

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildConfig, getPayload } from 'payload'

import { closeDatabase } from '../../src/database/close'
import { type DatabaseKind, throwawayDatabase } from './databases'
import { cloneTemplate, type DemoTemplate, restoreMedia } from './demoTemplates'

export type LocalPayload = { close: () => Promise<void>; databaseUri: string; dir: string; payload: Payload }

/**
 * Payload's Local API on a fresh database of the given kind, with the product's real config.
 * The schema comes from the migrations, as in production; uploads and the secret go to a temporary directory.
 * `template`: a clone of a seeded demo database (its uploads copied too) instead of an empty one.
 */
export async function startLocalPayload(
  kind: DatabaseKind = 'sqlite',
  { pushSchema = false, template }: { pushSchema?: boolean; template?: DemoTemplate } = {},
): Promise<LocalPayload> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `payload-${kind}-`))
  process.env.DATA_DIR ??= dir
  const database = template ? await cloneTemplate(template, dir) : await throwawayDatabase(kind, dir)
  const { appConfig } = await import('../../src/config/appConfig')
  const config = await buildConfig(appConfig({ databaseUri: database.uri, pushSchema }))
  const payload = await getPayload({ config, key: database.uri })
  if (template) await restoreMedia(template, payload)
  return {
    close: async () => {
      await closeDatabase(payload)
      await database.drop()
      fs.rmSync(dir, { force: true, recursive: true })
    },
    databaseUri: database.uri,
    dir,
    payload,
  }
}

type Role = 'admin' | 'editor'

/** A staff account to pass as `user` with `overrideAccess: false`. */
export async function createStaff(payload: Payload, role: Role, email = `${role}-${Date.now()}@example.com`) {
  return payload.create({ collection: 'users', data: { email, password: 'test-password-123', role } })
}
