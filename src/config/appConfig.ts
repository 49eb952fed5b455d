import type { Config } from 'payload'

import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { de } from '@payloadcms/translations/languages/de'
import { en } from '@payloadcms/translations/languages/en'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'

import { ContentBlocks } from '@kontorwerk/personalization'
import { Events } from '@kontorwerk/personalization'
import { CAMPAIGN_QUEUE, campaignsPlugin } from '@kontorwerk/campaigns'
import { consentPlugin } from '@kontorwerk/consent'
import { leadScoringPlugin } from '@kontorwerk/lead-scoring'
import { segmentsPlugin } from '@kontorwerk/segments'
import { Interests } from '@kontorwerk/personalization'
import { LandingPages } from '@kontorwerk/personalization'
import { LifecycleStages } from '@kontorwerk/personalization'
import { Media } from '../../collections/Media'
import { Newsletters } from '@kontorwerk/personalization'
import { Personas } from '@kontorwerk/personalization'
import { Subscribers } from '@kontorwerk/personalization'
import { Users } from '../../collections/Users'
import { databaseAdapter, runMigrations } from '../database/adapter'
import { withAtomicErasure } from '@kontorwerk/personalization'
import { smtpAdapter } from '../email/smtpAdapter'
import { eventOperations } from '@kontorwerk/personalization'
import { addGraphQLErrorCode } from '@kontorwerk/personalization'
import { runsJobs } from '../jobs/runner'
import { personalizationQueries } from '@kontorwerk/personalization'
import { personalizationBudget } from '@kontorwerk/personalization'
import { invalidatesBlockLibrary, LIBRARY_SOURCES } from '@kontorwerk/personalization'
import { CONTENT_LOCALES, DEFAULT_LOCALE } from '@kontorwerk/personalization'
import { trustedOrigins } from '../security/origins'
import { withHooks } from '@kontorwerk/personalization'
import { databaseUri as configuredDatabaseUri, payloadSecret } from './env'

/** Deployment knobs for sending; tests shorten the lease so a killed worker's recipients come back quickly. */
const campaignOptionsFromEnv = () => ({
  ...(process.env.CAMPAIGN_LEASE_SECONDS && { leaseSeconds: Number(process.env.CAMPAIGN_LEASE_SECONDS) }),
  ...(process.env.CAMPAIGN_SMTP_CONNECTIONS && { smtpConnections: Number(process.env.CAMPAIGN_SMTP_CONNECTIONS) }),
})

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

type AppConfigOptions = {
  databaseUri?: string
  /** Push the schema derived from the collections instead of migrating (schema comparison in tests). */
  pushSchema?: boolean
}

/** The whole product's Payload config; tests build it with their own database. */
export function appConfig({ databaseUri = configuredDatabaseUri(), pushSchema = false }: AppConfigOptions = {}): Config {
  return {
    admin: {
      avatar: 'default',
      importMap: { baseDir: root },
      meta: { titleSuffix: ' · Personalisierung' },
      user: Users.slug,
    },
    collections: [ContentBlocks, Media, Newsletters, LandingPages, Personas, Interests, LifecycleStages, Subscribers, Events, Users].map(
      (collection) => (LIBRARY_SOURCES.includes(collection.slug) ? withHooks(collection, invalidatesBlockLibrary) : collection),
    ),
    // Session cookies count only on requests from the public URL's pages (Payload's csrf); CORS the same.
    cors: trustedOrigins(),
    csrf: trustedOrigins(),
    db: withAtomicErasure(databaseAdapter(databaseUri, { push: pushSchema })),
    editor: lexicalEditor(),
    email: smtpAdapter(),
    graphQL: {
      mutations: (GraphQL) => eventOperations(GraphQL).mutations as never,
      queries: (GraphQL) => personalizationQueries(GraphQL) as never,
      validationRules: (args) => [personalizationBudget(args)],
    },
    hooks: { afterError: [addGraphQLErrorCode] },
    i18n: { fallbackLanguage: 'de', supportedLanguages: { de, en } },
    jobs: {
      // Background work (webhook deliveries, campaign sends) runs in processes that opt in: the server and `npm run worker` do.
      autoRun: [
        { cron: '*/5 * * * * *', limit: 20, queue: 'default' },
        { cron: '*/2 * * * * *', limit: 4, queue: CAMPAIGN_QUEUE },
      ],
      shouldAutoRun: () => runsJobs(),
      tasks: [],
    },
    plugins: [consentPlugin(), leadScoringPlugin(), segmentsPlugin(), campaignsPlugin(campaignOptionsFromEnv())],
    onInit: async (payload) => {
      if (!pushSchema) await runMigrations(payload)
    },
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
