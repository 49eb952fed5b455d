import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { salutation } from './salutation'

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
