import type { Config, PayloadRequest } from 'payload'

import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { de } from '@payloadcms/translations/languages/de'
import { en } from '@payloadcms/translations/languages/en'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'

import { CAMPAIGN_QUEUE, campaigns } from '@kontorwerk/campaigns'
import { consent, SUBSCRIBER_IMPORT_QUEUE } from '@kontorwerk/consent'
import { leadScoring } from '@kontorwerk/lead-scoring'
import {
  auditLog,
  CONTENT_LOCALES,
  DEFAULT_LOCALE,
  germanFirstDates,
  hasRole,
  personalization,
} from '@kontorwerk/personalization'
import { segments } from '@kontorwerk/segments'

import { Media } from '../../collections/Media'
import { Users } from '../../collections/Users'
import { selfHostedCodeEditor } from '../admin/selfHostedCodeEditor'
import { databaseAdapter, runMigrations } from '../database/adapter'
import { mailSender, smtpAdapter, smtpSettings } from '../email/smtpAdapter'
import { runsJobs } from '../jobs/runner'
import { appLogger } from '../operations/logging/logger'
import { noteMeasuredOperations } from '../operations/metrics/graphqlOperations'
import { trustedOrigins } from '../security/origins'
import { databaseUri as configuredDatabaseUri, dataDir, payloadSecret, publicUrl } from './env'

const env = process.env
const adminOnly = ({ req }: { req: PayloadRequest }) => hasRole(req, 'admin')
const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
const number = (value: string | undefined) => (value && Number.isFinite(Number(value)) ? Number(value) : undefined)

/**
 * The packages' options from the environment: the app reads every variable, the packages only
 * their options (docs/configuration.md lists the variables).
 */
const plugins = () => [
  personalization({
    allowPrivateWebhooks: env.ALLOW_PRIVATE_WEBHOOKS === 'true',
    anonymousRateLimit: number(env.PERSONALIZATION_RATE_LIMIT),
    browser: {
      anonymousRetentionDays: number(env.ANONYMOUS_RETENTION_DAYS),
      origins: list(env.BROWSER_ORIGINS).length ? list(env.BROWSER_ORIGINS) : undefined,
      perIpPerMinute: number(env.BROWSER_EVENTS_PER_IP),
      perVisitorPerMinute: number(env.BROWSER_EVENTS_PER_VISITOR),
    },
    discountGuardDays: number(env.DISCOUNT_GUARD_DAYS),
    previousLinkSecrets: list(env.SUBSCRIBER_TOKEN_PREVIOUS_SECRETS),
    // The public pages at the root (next.config.ts rewrites them to the plugins' endpoints under /api).
    pagesUrl: publicUrl(),
    publicUrl: publicUrl(),
  }),
  consent({
    // The key of the erasure suppression list's hashes: the server's secret, so the list cannot be reversed without it.
    erasureSecret: payloadSecret(),
    // Uploaded subscriber imports stay beside the other data until an admin deletes the import.
    importDir: path.join(dataDir(), 'subscriber-imports'),
    // A public page without privacy policy and imprint is not lawful in Germany: production waits for both.
    legalLinksRequired: env.NODE_ENV === 'production',
    unsubscribeMailto: env.UNSUBSCRIBE_MAILTO || undefined,
  }),
  leadScoring({
    stageWebhook: env.STAGE_WEBHOOK_URL
      ? { secret: env.STAGE_WEBHOOK_SECRET || null, url: env.STAGE_WEBHOOK_URL }
      : null,
  }),
  segments(),
  // Tests shorten the lease, so a killed worker's recipients come back quickly.
  campaigns({
    from: mailSender(),
    leaseSeconds: number(env.CAMPAIGN_LEASE_SECONDS),
    parallelJobs: number(env.CAMPAIGN_PARALLEL_JOBS),
    smtp: smtpSettings(),
    smtpConnections: number(env.CAMPAIGN_SMTP_CONNECTIONS),
  }),
  // After every package whose collections it audits (issue 21, docs/governance.md).
  auditLog(),
  // Last: dates of every field above in German-first formats, not Payload's American defaults.
  germanFirstDates,
]

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

type AppConfigOptions = {
  databaseUri?: string
  /** Push the schema derived from the collections instead of migrating (schema comparison in tests). */
  pushSchema?: boolean
}

/** The whole product's Payload config; tests build it with their own database. */
export function appConfig({
  databaseUri = configuredDatabaseUri(),
  pushSchema = false,
}: AppConfigOptions = {}): Config {
  return {
    admin: {
      avatar: 'default',
      importMap: { baseDir: root },
      meta: { titleSuffix: ' · Personalisierung' },
      user: Users.slug,
    },
    collections: [Media, Users],
    // Session cookies count only on requests from the public URL's pages (Payload's csrf); CORS the same.
    cors: trustedOrigins(),
    csrf: trustedOrigins(),
    db: databaseAdapter(databaseUri, { push: pushSchema }),
    editor: lexicalEditor(),
    email: smtpAdapter(),
    // Operations (docs/operations.md): which personalization query a GraphQL request runs, for its latency metric.
    graphQL: { validationRules: noteMeasuredOperations },
    i18n: { fallbackLanguage: 'de', supportedLanguages: { de, en } },
    jobs: {
      // Over the API (/api/payload-jobs/run, handle-schedules) only an admin runs, queues or cancels jobs; by
      // default any signed-in caller could, an integration key too. The server's and worker's own runs bypass it.
      access: { cancel: adminOnly, queue: adminOnly, run: adminOnly },
      // Background work (webhook deliveries, campaign sends) runs in processes that opt in: the server and `npm run worker` do.
      autoRun: [
        { cron: '*/5 * * * * *', limit: 20, queue: 'default' },
        { cron: '*/2 * * * * *', limit: 4, queue: CAMPAIGN_QUEUE },
        // One import slice at a time (minutes long), beside the other queues.
        { cron: '*/5 * * * * *', limit: 1, queue: SUBSCRIBER_IMPORT_QUEUE },
      ],
      shouldAutoRun: () => runsJobs(),
      tasks: [],
    },
    // Last: it reaches the code and JSON fields the packages add.
    plugins: [...plugins(), selfHostedCodeEditor],
    onInit: async (payload) => {
      if (!pushSchema) await runMigrations(payload)
    },
    // JSON lines in production, each naming the request it was logged for (docs/operations.md).
    logger: appLogger(),
    localization: {
      defaultLocale: DEFAULT_LOCALE,
      fallback: true,
      locales: CONTENT_LOCALES.map(({ code, label }) => ({ code, label })),
    },
    secret: payloadSecret(),
    // Only an explicitly configured public URL: a guessed one would make the admin UI cross-origin.
    serverURL: process.env.PUBLIC_URL || undefined,
    sharp,
    // Types are generated on purpose (`npm run generate`), not by every test or dev start behind our back.
    typescript: { autoGenerate: false, outputFile: path.join(root, 'src/payload-types.ts') },
  }
}
