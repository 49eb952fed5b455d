import { initI18n } from '@payloadcms/translations'
import { de } from '@payloadcms/translations/languages/de'
import { en } from '@payloadcms/translations/languages/en'
import { describe, expect, it } from 'vitest'

import { segmentsTranslations } from '../translations'
import { parseRuleTree } from './parse'
import { describeProblems } from './problems'

/** A request's i18n as Payload makes it for an admin language, with the segments texts merged in. */
const requestIn = async (language: 'de' | 'en') => ({
  i18n: await initI18n({
    config: {
      fallbackLanguage: 'de',
      supportedLanguages: { de, en },
      translations: {
        de: { [segmentsTranslations.namespace]: segmentsTranslations.tables.de },
        en: { [segmentsTranslations.namespace]: segmentsTranslations.tables.en },
      },
    } as never,
    context: 'api',
    language,
  }),
})

describe('rule problems in the admin language', () => {
  const { problems } = parseRuleTree({
    combinator: 'and',
    rules: [
      { field: 'locale', operator: '=', value: '' },
      { combinator: 'or', rules: [{ field: 'events', operator: 'atLeast', value: { count: 0, days: 7, type: 'x' } }] },
    ],
  })

  it('keeps the English API text and the machine code of each problem', () => {
    expect(problems).toEqual([
      {
        code: 'Locale',
        field: 'locale',
        message: 'locale: needs a locale such as de, de-DE, de-AT, de-CH',
        path: 'rules[0]',
        vars: { examples: 'de, de-DE, de-AT, de-CH' },
      },
      {
        code: 'EventType',
        field: 'events',
        message: 'events: unknown event type "x"',
        path: 'rules[1].rules[0]',
        vars: { type: '"x"' },
      },
    ])
    expect(describeProblems(problems)).toBe(
      'rules[0]: locale: needs a locale such as de, de-DE, de-AT, de-CH; rules[1].rules[0]: events: unknown event type "x"',
    )
  })

  it('words them for a German admin by place and field label, and for an English one in English', async () => {
    expect(describeProblems(problems, await requestIn('de'))).toBe(
      'Regel 1: Sprache: braucht eine Sprache wie de, de-DE, de-AT, de-CH; Regel 2.1: Ereignisse im Zeitraum: unbekannter Ereignistyp "x"',
    )
    expect(describeProblems(problems, await requestIn('en'))).toBe(
      'Rule 1: Locale: needs a locale such as de, de-DE, de-AT, de-CH; Rule 2.1: Events in a window: unknown event type "x"',
    )
  })

  it('says "Regel 1: Sprache: braucht einen Text mit 1–200 Zeichen" for an empty text condition', async () => {
    const empty = parseRuleTree({ combinator: 'and', rules: [{ field: 'region', operator: '=', value: ' ' }] })
    expect(describeProblems(empty.problems, await requestIn('de'))).toBe(
      'Regel 1: Region: braucht einen Text mit 1–200 Zeichen ohne Steuerzeichen',
    )
  })

  it('has a German and an English text for every problem code', () => {
    const codes = (table: Record<string, string>) => Object.keys(table).filter((key) => key.startsWith('problem'))
    expect(codes(segmentsTranslations.tables.en)).toEqual(codes(segmentsTranslations.tables.de))
    expect(codes(segmentsTranslations.tables.de).length).toBeGreaterThan(40)
  })
})

describe('prediction conditions in range', () => {
  it('refuse a probability outside 0–1 and negative expectations, in German for a German admin', async () => {
    const { problems } = parseRuleTree({
      combinator: 'and',
      rules: [
        { field: 'probabilityAlive', operator: '<', value: 1.5 },
        { field: 'probabilityAlive', operator: '>=', value: -3 },
        { field: 'expectedValue', operator: '>=', value: -1 },
        { field: 'expectedPurchases', operator: '<', value: 0.5 },
      ],
    })
    expect(problems.map((problem) => [problem.path, problem.code])).toEqual([
      ['rules[0]', 'Probability'],
      ['rules[1]', 'Probability'],
      ['rules[2]', 'NotNegative'],
    ])
    expect(describeProblems(problems, await requestIn('de'))).toContain(
      'Regel 1: P(aktiv), 0–1: braucht eine Wahrscheinlichkeit zwischen 0 und 1 (z. B. 0,3)',
    )
  })
})
