import type { SanitizedConfig } from 'payload'

import { buildConfig } from 'payload'

import { appConfig } from '../../src/config/appConfig'
import { seedDemoData } from '../../src/seed'
import { type DatabaseKind } from './databases'
import { type LocalPayload, startLocalPayload } from './localPayload'

// The reference app as the packages' specs see it. A package never imports the app (the linter checks
// that); its specs run inside the app through this harness, the one place that knows it.

/** The reference app's whole config (every plugin), built without a database connection: for schema checks. */
export const referenceConfig = (): Promise<SanitizedConfig> =>
  buildConfig(appConfig({ databaseUri: 'file:/tmp/schema-only.db' }))

/** The reference app on a fresh database of the given kind, with the demo data `npm run seed` adds. */
export async function startDemoPayload(kind: DatabaseKind = 'sqlite'): Promise<LocalPayload> {
  const local = await startLocalPayload(kind)
  await seedDemoData(local.payload)
  return local
}
