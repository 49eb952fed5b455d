import type { Field, Payload, SanitizedConfig } from 'payload'

import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { getTranslation, initI18n } from '@payloadcms/translations'
import { de } from '@payloadcms/translations/languages/de'
import { en } from '@payloadcms/translations/languages/en'
import { fr } from '@payloadcms/translations/languages/fr'
import { buildConfig } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { campaignsTranslations } from '@kontorwerk/campaigns'
import { consent, consentTranslations } from '@kontorwerk/consent'
import { leadScoringTranslations } from '@kontorwerk/lead-scoring'
import { personalization, personalizationTranslations } from '@kontorwerk/personalization'
import { segmentsTranslations } from '@kontorwerk/segments'

import { Media } from '../../collections/Media'
import { Users } from '../../collections/Users'
import { type LocalPayload, startLocalPayload } from '../../tests/helpers/localPayload'

const PACKAGES = [
  personalizationTranslations,
  consentTranslations,
  leadScoringTranslations,
  segmentsTranslations,
  campaignsTranslations,
]

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort()

/** The admin as Payload builds it for a language: its `t` over the config's merged translations. */
const adminI18n = (config: SanitizedConfig, language: string) =>
  initI18n({ config: config.i18n, context: 'client', language: language as 'de' })

const fieldOf = (fields: Field[], name: string) =>
  fields.find((field) => 'name' in field && field.name === name) as Field & {
    label: unknown
    options?: { label: unknown; value: string }[]
  }

describe('every package ships the same texts in German and English', () => {
  it.each(PACKAGES.map((pkg) => [pkg.namespace, pkg] as const))('%s', (_, { tables }) => {
    expect(Object.keys(tables.en).sort()).toEqual(Object.keys(tables.de).sort())
    for (const [key, german] of Object.entries(tables.de)) {
      const english = tables.en[key as keyof typeof tables.en]
      expect(german.trim() && english.trim(), key).toBeTruthy()
      expect(placeholders(english), key).toEqual(placeholders(german))
    }
  })
})

/** Names only a developer knows: stored keys (`repeat_customer`) and code names (`recomputeScores`). */
const CODE_NAME = /^(?:[a-z]+(?:_[a-z0-9]+)+|[a-z]+[A-Z][a-zA-Z]+)$/
/** German texts that name code on purpose, and why. */
const NAMES_CODE = new Set([
  // Tells the operator which plugin option allows internal webhook addresses: they must type that name.
  'kontorwerk-personalization:webhookInternalAddress',
  // The import's column mapping is JSON whose values are these field names: the admin types them.
  'kontorwerk-consent:importMappingDescription',
])

describe('German texts speak German to a marketing team', () => {
  it.each(PACKAGES.map((pkg) => [pkg.namespace, pkg] as const))('%s shows no stored keys or code names', (_, pkg) => {
    const found = Object.entries(pkg.tables.de).flatMap(([key, text]) =>
      NAMES_CODE.has(`${pkg.namespace}:${key}`)
        ? []
        : text
            .split(/[\s,;()«»„“"'·…]+/)
            .map((token) => token.replace(/^[.!?:]+|[.!?:]+$/g, ''))
            .filter((token) => CODE_NAME.test(token))
            .map((token) => `${key}: ${token}`),
    )
    expect(found).toEqual([])
  })
})

describe("the reference app shows the packages' texts in its admin languages", () => {
  let local: LocalPayload
  let payload: Payload

  beforeAll(async () => {
    local = await startLocalPayload('sqlite')
    payload = local.payload
  }, 120_000)
  afterAll(() => local?.close())

  it("has every package's keys under its namespace in German and English", () => {
    for (const { namespace, tables } of PACKAGES) {
      for (const language of ['de', 'en'] as const) {
        expect(
          (payload.config.i18n.translations as Record<string, Record<string, unknown>>)[language][namespace],
        ).toEqual(tables[language])
      }
    }
  })

  it('labels fields, options, collections and groups in German, and in English for English admins', async () => {
    const [german, english] = await Promise.all([adminI18n(payload.config, 'de'), adminI18n(payload.config, 'en')])
    const topics = payload.collections.topics.config
    const channels = fieldOf(topics.fields, 'channels')
    const post = channels.options?.find((option) => option.value === 'post')
    const texts = (i18n: typeof german) => [
      getTranslation(channels.label as never, i18n),
      getTranslation(post?.label as never, i18n),
      getTranslation(topics.labels.plural, i18n),
      getTranslation(topics.admin.group as never, i18n),
    ]
    expect(texts(german)).toEqual(['Kanäle', 'Post', 'Themen', 'Einwilligungen'])
    expect(texts(english)).toEqual(['Channels', 'Post', 'Topics', 'Consent'])

    const email = fieldOf(payload.collections.subscribers.config.fields, 'email')
    expect([getTranslation(email.label as never, german), getTranslation(email.label as never, english)]).toEqual([
      'E-Mail',
      'Email',
    ])
  })

  it('refuses a bad value with a message in the request language, German by default', async () => {
    const refusal = async (language?: 'en') => {
      const req = language ? { i18n: await adminI18n(payload.config, language) } : undefined
      const error = await payload
        .create({
          collection: 'subscribers',
          data: { email: `tz-${Date.now()}@example.com`, timeZone: 'Mars/Olympus' } as never,
          req,
        })
        .catch((caught: unknown) => caught)
      return (error as { data?: { errors?: { message: string }[] } }).data?.errors?.[0]?.message
    }
    expect(await refusal()).toBe('Keine IANA-Zeitzone.')
    expect(await refusal('en')).toBe('Not an IANA time zone.')
  })
})

describe('a host with more admin languages than the packages ship', () => {
  it("shows French admins the English texts and keeps the host's own overrides", async () => {
    const config = await buildConfig({
      collections: [Media, Users],
      // Never connected: building the config is all this needs.
      db: sqliteAdapter({ client: { url: 'file::memory:' } }),
      editor: lexicalEditor(),
      i18n: {
        fallbackLanguage: 'fr',
        supportedLanguages: { de, en, fr },
        translations: { de: { 'kontorwerk-consent': { channels: 'Wege' } } },
      },
      plugins: [personalization(), consent()],
      secret: 'test',
    })
    const channels = fieldOf(config.collections.find((collection) => collection.slug === 'topics')!.fields, 'channels')
    // initI18n keeps one i18n per language and process, so French (used nowhere else here) goes through it and German is read from the table.
    expect(getTranslation(channels.label as never, await adminI18n(config, 'fr'))).toBe('Channels')
    const translations = config.i18n.translations as Record<string, Record<string, Record<string, string>>>
    expect([
      translations.de['kontorwerk-consent'].channels,
      translations.de['kontorwerk-consent'].topicsPlural,
    ]).toEqual(['Wege', 'Themen'])
    expect(config.i18n.fallbackLanguage).toBe('fr')
    expect(Object.keys(config.i18n.supportedLanguages)).toEqual(['de', 'en', 'fr'])
  })
})
