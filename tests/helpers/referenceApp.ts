import type { SanitizedConfig } from 'payload'

import { buildConfig } from 'payload'

import { appConfig } from '../../src/config/appConfig'
import { seedDemoData } from '../../src/seed'
import { type DatabaseKind } from './databases'
import { demoTemplate } from './demoTemplates'
import { type LocalPayload, startLocalPayload } from './localPayload'

// The reference app as the packages' specs see it. A package never imports the app (the linter checks
// that); its specs run inside the app through this harness, the one place that knows it.

/** The reference app's whole config (every plugin), built without a database connection: for schema checks. */
export const referenceConfig = (): Promise<SanitizedConfig> =>
  buildConfig(appConfig({ databaseUri: 'file:/tmp/schema-only.db' }))

/**
 * The reference app on a fresh database of the given kind, with the demo data `npm run seed` adds.
 * `pushSchema`: the schema Payload derives from the config now, instead of the migrations.
 */
export async function startDemoPayload(
  kind: DatabaseKind = 'sqlite',
  options: { pushSchema?: boolean } = {},
): Promise<LocalPayload> {
  // A clone of the run's seeded template where there is one (the same data, seconds instead of 30).
  const template = options.pushSchema ? undefined : await demoTemplate(kind)
  if (template) return startLocalPayload(kind, { template })
  const local = await startLocalPayload(kind, options)
  await seedDemoData(local.payload)
  return local
}
