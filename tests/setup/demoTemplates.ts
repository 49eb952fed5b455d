import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { withPg } from '../helpers/databases'

/**
 * The run's directory for seeded demo databases to clone (tests/helpers/demoTemplates.ts); the
 * workers inherit it through the environment. The teardown drops the PostgreSQL template. Only
 * light imports here: the global setup runs outside the workers, without Payload.
 */
export default function setup() {
  // KONTORWERK_DEMO_TEMPLATES=off: every spec seeds its own demo (to compare, or to rule clones out).
  if (process.env.KONTORWERK_DEMO_TEMPLATES === 'off') return
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontorwerk-demo-templates-'))
  process.env.KONTORWERK_DEMO_TEMPLATES = dir
  return () => removeTemplates(dir)
}

async function removeTemplates(dir: string): Promise<void> {
  const postgres = path.join(dir, 'postgres.json')
  const admin = process.env.TEST_POSTGRES_URI
  if (admin && fs.existsSync(postgres)) {
    const { database } = JSON.parse(fs.readFileSync(postgres, 'utf8')) as { database: string }
    await withPg(admin, (client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`))
  }
  fs.rmSync(dir, { force: true, recursive: true })
}
