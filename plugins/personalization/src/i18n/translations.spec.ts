import type { Config } from 'payload'

import { describe, expect, it } from 'vitest'

import { localized, mergeTranslations, packageTranslations } from './translations'

const demo = packageTranslations('kontorwerk-demo', {
  de: { greeting: 'Hallo {{name}}', limit: 'Höchstens {{count}} Zeichen', title: 'Titel' },
  en: { greeting: 'Hello {{name}}', limit: 'At most {{count}} characters', title: 'Title' },
})

const hostConfig = (i18n: Config['i18n']) => ({ i18n }) as Config

describe('a package merges its texts into the host i18n as Payload plugins do', () => {
  it('adds its namespace for de and en and keeps the host entries, other plugins and the host overrides', () => {
    const merged = mergeTranslations(
      hostConfig({
        fallbackLanguage: 'de',
        translations: {
          de: { 'kontorwerk-demo': { title: 'Überschrift' }, 'other-plugin': { save: 'Sichern' } },
          en: { general: { custom: 'Host text' } },
        },
      }),
      demo.namespace,
      demo.tables,
    )
    expect(merged.i18n?.fallbackLanguage).toBe('de')
    expect(merged.i18n?.translations?.de).toEqual({
      'kontorwerk-demo': { greeting: 'Hallo {{name}}', limit: 'Höchstens {{count}} Zeichen', title: 'Überschrift' },
      'other-plugin': { save: 'Sichern' },
    })
    expect(merged.i18n?.translations?.en).toEqual({
      general: { custom: 'Host text' },
      'kontorwerk-demo': demo.tables.en,
    })
  })

  it('gives admin languages it does not ship the English texts and leaves the other i18n options alone', () => {
    const supportedLanguages = { de: {}, en: {}, fr: {} } as NonNullable<Config['i18n']>['supportedLanguages']
    const merged = mergeTranslations(hostConfig({ supportedLanguages }), demo.namespace, demo.tables)
    expect((merged.i18n?.translations as Record<string, unknown>).fr).toEqual({ 'kontorwerk-demo': demo.tables.en })
    expect(merged.i18n?.supportedLanguages).toBe(supportedLanguages)
    expect(Object.keys(mergeTranslations({} as Config, demo.namespace, demo.tables).i18n ?? {})).toEqual([
      'translations',
    ])
  })
})

describe('texts outside a label function', () => {
  it('fills placeholders, per language where numbers read differently', () => {
    expect(
      demo.texts('kontorwerk-demo:limit', (language) => ({
        count: (300000).toLocaleString(language === 'de' ? 'de-DE' : 'en-US'),
      })),
    ).toEqual({
      de: 'Höchstens 300.000 Zeichen',
      en: 'At most 300,000 characters',
    })
  })

  it('speaks the request language, English for a language not shipped, German without a request', () => {
    const texts = demo.texts('kontorwerk-demo:greeting', { name: 'Ada' })
    const req = (language: string) => ({ i18n: { language } }) as Parameters<typeof localized>[0]
    expect([
      localized(req('de'), texts),
      localized(req('en'), texts),
      localized(req('fr'), texts),
      localized(undefined, texts),
    ]).toEqual(['Hallo Ada', 'Hello Ada', 'Hello Ada', 'Hallo Ada'])
    expect(demo.message(undefined, 'kontorwerk-demo:greeting', { name: 'Ada' })).toBe('Hallo Ada')
  })

  it('resolves a label function with whatever t it is given', () => {
    const seen: unknown[] = []
    const t = (key: string, vars?: unknown) => (seen.push([key, vars]), 'übersetzt')
    expect(demo.translated('kontorwerk-demo:title')({ t })).toBe('übersetzt')
    expect(demo.option('x', 'kontorwerk-demo:greeting').label({ t })).toBe('übersetzt')
    expect(seen).toEqual([
      ['kontorwerk-demo:title', undefined],
      ['kontorwerk-demo:greeting', undefined],
    ])
  })
})
