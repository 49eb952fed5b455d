import { describe, expect, it } from 'vitest'

import type { BlockCandidate, SlotDefinition } from '../types'

import { contentLanguageOf, languageChain, readerLocaleOf } from '../../i18n/locales'
import { documentLanguage } from './documentLanguage'

const block = (id: string, overrides: Partial<BlockCandidate> = {}): BlockCandidate => ({
  channels: ['email'],
  id,
  interests: [],
  isFallback: true,
  locale: 'de',
  personas: [],
  priority: 10,
  stages: [],
  title: id,
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
})
const slot = (fallback: string, channel: SlotDefinition['channel'] = 'email') => ({ channel, fallback })
const at = new Date('2026-06-01T10:00:00Z')

describe('reader locales and their chain', () => {
  it('reads a language with region in its BCP 47 form, whatever the case', () => {
    expect(readerLocaleOf('de-at')).toBe('de-AT')
    expect(readerLocaleOf('EN_gb')).toBe('en-GB')
    expect(readerLocaleOf('de')).toBe('de')
    expect(readerLocaleOf('xx-YY')).toBeNull()
    expect(readerLocaleOf('fr')).toBeNull()
    expect(readerLocaleOf(42)).toBeNull()
  })

  it('falls back de-AT → de, en-GB → en → de, anything else → de', () => {
    expect(languageChain('de-AT')).toEqual(['de'])
    expect(languageChain('en-GB')).toEqual(['en', 'de'])
    expect(languageChain('en')).toEqual(['en', 'de'])
    expect(languageChain(null)).toEqual(['de'])
    expect(contentLanguageOf('fr-FR')).toBe('de')
  })
})

describe('documentLanguage', () => {
  const german = block('neu-im-blog')
  const english = block('new-on-the-blog', { locale: 'en' })
  const help = block('wir-helfen-gern')

  it('is the reader’s language when the document has a version in it and every slot a fallback in it', () => {
    const input = { at, blocks: [german, english, help], slots: [slot('neu-im-blog'), slot('wir-helfen-gern')] }
    expect(documentLanguage({ ...input, readerLocale: 'en-GB', versions: ['en'] })).toBe('en')
    expect(documentLanguage({ ...input, readerLocale: 'de-AT', versions: ['en'] })).toBe('de')
  })

  it('is the default language when the document has no version in the reader’s language', () => {
    const input = { at, blocks: [german, english], readerLocale: 'en-US', slots: [slot('neu-im-blog')] }
    expect(documentLanguage({ ...input, versions: [] })).toBe('de')
  })

  it('is the default language when one slot has no fallback in the reader’s language', () => {
    const smsOnlyGerman = block('sms-hinweis', { channels: ['sms'] })
    const input = { at, readerLocale: 'en', versions: ['en'] }
    const slots = [slot('neu-im-blog'), slot('sms-hinweis', 'sms')]
    expect(documentLanguage({ ...input, blocks: [german, english, smsOnlyGerman], slots })).toBe('de')
    // A slot's own fallback in English counts even if it is not a generic block.
    const ownEnglish = block('sms-note', { channels: ['sms'], isFallback: false, locale: 'en' })
    const ownSlots = [slot('neu-im-blog'), slot('sms-note', 'sms')]
    expect(documentLanguage({ ...input, blocks: [german, english, smsOnlyGerman, ownEnglish], slots: ownSlots })).toBe(
      'en',
    )
  })

  it('does not count a generic block outside its validity window', () => {
    const expired = block('new-on-the-blog', { locale: 'en', validUntil: '2026-05-01T00:00:00Z' })
    const input = { at, readerLocale: 'en-IE', slots: [slot('neu-im-blog')], versions: ['en'] }
    expect(documentLanguage({ ...input, blocks: [german, expired] })).toBe('de')
  })
})
