import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'

import { CAMPAIGN_QUEUE, campaigns } from '@kontorwerk/campaigns'
import { consent } from '@kontorwerk/consent'
import { leadScoring } from '@kontorwerk/lead-scoring'
import { personalization } from '@kontorwerk/personalization'
import { segments } from '@kontorwerk/segments'

import { Images } from './collections/Images'
import { Members } from './collections/Members'
import { Posts } from './collections/Posts'
import { smtpEmail } from './email'

const dirname = path.dirname(fileURLToPath(import.meta.url))
const env = process.env
const smtp = { host: env.SMTP_HOST || '127.0.0.1', port: Number(env.SMTP_PORT || 25) }
const from = { address: 'news@fixture-host.example', name: 'Fixture Host' }

/**
 * A stranger's Payload app: Payload's blank template with its own staff collection (`members`,
 * not `users`), its own `posts` and an upload collection named `images` (not `media`), on
 * SQLite, served by `next start` alone. The plugins come from their packed tarballs.
 */
export default buildConfig({
  admin: { importMap: { baseDir: dirname }, user: Members.slug },
  collections: [Members, Posts, Images],
  db: sqliteAdapter({
    client: { url: env.DATABASE_URI || `file:${path.join(dirname, 'host.db')}` },
    migrationDir: path.join(dirname, 'migrations'),
  }),
  editor: lexicalEditor(),
  email: smtpEmail({ from, ...smtp }),
  // No worker process: the Next server runs the jobs (campaign sends, webhooks) itself.
  jobs: {
    autoRun: [
      { cron: '* * * * * *', queue: CAMPAIGN_QUEUE },
      { cron: '* * * * * *', queue: 'default' },
    ],
    tasks: [],
  },
  plugins: [
    personalization({
      mediaSlug: Images.slug,
      publicUrl: env.PUBLIC_URL || 'http://localhost:3000',
      usersSlug: Members.slug,
    }),
    consent(),
    leadScoring(),
    segments(),
    campaigns({ from, smtp }),
  ],
  secret: env.PAYLOAD_SECRET || 'fixture-host-secret-not-for-production',
  // Types on purpose (`payload generate:types`), not by every CLI run in a background process.
  typescript: { autoGenerate: false, outputFile: path.join(dirname, 'payload-types.ts') },
})
