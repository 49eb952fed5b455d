import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { addressName, addressNameAccusative, salutation } from './salutation'

describe('salutation (Anrede)', () => {
  it.each([
    [{ academicTitle: 'Dr.', gender: 'female', lastName: 'Berger' }, 'Sehr geehrte Frau Dr. Berger'],
    [{ firstName: 'Thomas', gender: 'male', lastName: 'Keller' }, 'Sehr geehrter Herr Keller'],
    [{ academicTitle: 'Prof. Dr.', gender: 'male', lastName: 'Özdemir' }, 'Sehr geehrter Herr Prof. Dr. Özdemir'],
    [{ firstName: 'Alex', gender: 'diverse', lastName: 'Weber' }, 'Guten Tag Alex Weber'],
    [{ firstName: 'Alex', gender: 'unspecified', lastName: 'Weber' }, 'Guten Tag Alex Weber'],
    [{ gender: 'female' }, 'Sehr geehrte Damen und Herren'],
    [{ firstName: 'Anna', gender: 'female' }, 'Sehr geehrte Damen und Herren'],
    [{}, 'Sehr geehrte Damen und Herren'],
  ] as const)('German, formal: %o → %s', (input, expected) => {
    expect(salutation({ ...input, addressForm: 'formal', locale: 'de' })).toBe(expected)
  })

  it.each([
    [{ firstName: 'Anna', gender: 'female', lastName: 'Berger' }, 'Hallo Anna'],
    [{ gender: 'male', lastName: 'Keller' }, 'Hallo'],
    [{ gender: 'diverse', lastName: 'Weber' }, 'Hallo Weber'],
    [{}, 'Hallo'],
  ] as const)('German, informal: %o → %s', (input, expected) => {
    expect(salutation({ ...input, addressForm: 'informal', locale: 'de' })).toBe(expected)
  })

  it.each([
    [{ gender: 'female', lastName: 'Berger' }, 'formal', 'Dear Ms Berger'],
    [{ academicTitle: 'Dr.', gender: 'male', lastName: 'Keller' }, 'formal', 'Dear Dr. Keller'],
    [{ firstName: 'Alex', gender: 'diverse', lastName: 'Weber' }, 'formal', 'Dear Alex Weber'],
    [{}, 'formal', 'Dear Sir or Madam'],
    [{ firstName: 'Anna' }, 'informal', 'Hi Anna'],
    [{}, 'informal', 'Hi there'],
  ] as const)('English: %o (%s) → %s', (input, addressForm, expected) => {
    expect(salutation({ ...input, addressForm, locale: 'en' })).toBe(expected)
  })

  it.each([
    [
      { academicTitle: 'Dr.', firstName: 'Anna', gender: 'female', lastName: 'Berger' },
      'formal',
      'de',
      'Frau Dr. Berger',
    ],
    [{ academicTitle: 'Dr.', firstName: 'Anna', gender: 'female', lastName: 'Berger' }, 'informal', 'de', 'Anna'],
    [{ firstName: 'Mehmet', gender: 'male', lastName: 'Yilmaz' }, 'formal', 'de', 'Herr Yilmaz'],
    [{ firstName: 'Alex', gender: 'diverse', lastName: 'Weber' }, 'formal', 'de', 'Alex Weber'],
    // A formal reader is never called by the first name alone: without a last name, the pronoun.
    [{ firstName: 'Anna', gender: 'female' }, 'formal', 'de', 'Sie'],
    [{}, 'informal', 'de', 'du'],
    [{ gender: 'female', lastName: 'Berger' }, 'formal', 'en', 'Ms Berger'],
    [{}, 'formal', 'en', 'you'],
  ] as const)('address_name of %o (%s, %s) → %s', (input, addressForm, locale, expected) => {
    expect(addressName({ ...input, addressForm, locale })).toBe(expected)
  })

  it.each([
    [{ firstName: 'Mehmet', gender: 'male', lastName: 'Keller' }, 'formal', 'de', 'Herrn Keller'],
    [{ academicTitle: 'Dr.', gender: 'male', lastName: 'Keller' }, 'formal', 'de', 'Herrn Dr. Keller'],
    [{ gender: 'female', lastName: 'Berger' }, 'formal', 'de', 'Frau Berger'],
    [{ firstName: 'Anna' }, 'informal', 'de', 'Anna'],
    [{}, 'informal', 'de', 'dich'],
    [{}, 'formal', 'de', 'Sie'],
    [{ gender: 'male', lastName: 'Keller' }, 'formal', 'en', 'Mr Keller'],
  ] as const)(
    'address_name_accusative of %o (%s, %s) → %s, as "für …" wants it',
    (input, addressForm, locale, expected) => {
      expect(addressNameAccusative({ ...input, addressForm, locale })).toBe(expected)
    },
  )

  it('greets with the same name address_name gives, in every form of address', () => {
    const readers = [
      { academicTitle: 'Dr.', firstName: 'Anna', gender: 'female', lastName: 'Berger' },
      { firstName: 'Mehmet', gender: 'male', lastName: 'Yilmaz' },
      { firstName: 'Alex', gender: 'diverse', lastName: 'Weber' },
    ] as const
    for (const reader of readers)
      for (const addressForm of ['formal', 'informal'] as const)
        for (const locale of ['de', 'en'])
          expect(
            salutation({ ...reader, addressForm, locale }).endsWith(addressName({ ...reader, addressForm, locale })),
          ).toBe(true)
  })

  it('trims and collapses whitespace in names', () => {
    expect(salutation({ firstName: '  Anna ', gender: 'female', lastName: ' von  Berg ', locale: 'de' })).toBe(
      'Sehr geehrte Frau von Berg',
    )
  })

  it('never leaves a dangling space, comma or empty name, whatever is missing', () => {
    const text = fc.option(fc.oneof(fc.constant(''), fc.constant('   '), fc.string({ maxLength: 12 })), {
      nil: undefined,
    })
    fc.assert(
      fc.property(
        fc.record({
          academicTitle: text,
          addressForm: fc.constantFrom('formal', 'informal', null),
          firstName: text,
          gender: fc.constantFrom('female', 'male', 'diverse', 'unspecified', null),
          lastName: text,
          locale: fc.constantFrom('de', 'en', null),
        }),
        (input) => {
          const result = salutation(input as never)
          expect(result).toBe(result.trim())
          expect(result).not.toMatch(/\s{2}|\s,|,$/)
          // Braces typed into a name are that name (rendered as text, escaped in HTML); none come from us.
          if (!JSON.stringify(input).includes('{')) expect(result).not.toContain('{')
          expect(result.length).toBeGreaterThan(1)
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 500) },
    )
  })
})
