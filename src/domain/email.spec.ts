import { describe, expect, it } from 'vitest'

import { normalizeEmail } from './email'

describe('normalizeEmail', () => {
  it('trims and lower-cases so one mailbox has one spelling', () => {
    expect(normalizeEmail('  Anna.Berger@Example.DE ')).toBe('anna.berger@example.de')
  })

  it('turns an internationalised domain into its punycode form', () => {
    expect(normalizeEmail('Jürgen@Müller.de')).toBe('jürgen@xn--mller-kva.de')
    expect(normalizeEmail('jürgen@xn--mller-kva.de')).toBe(normalizeEmail('JÜRGEN@MÜLLER.DE'))
  })

  it('rejects what cannot be a mailbox', () => {
    for (const bad of ['', 'no-at-sign', '@example.de', 'anna@', 'anna@localhost', 'an na@example.de', 'a<b>@example.de', 42, null]) {
      expect(normalizeEmail(bad)).toBeNull()
    }
  })

  it('rejects over-long addresses', () => {
    expect(normalizeEmail(`${'a'.repeat(65)}@example.de`)).toBeNull()
    expect(normalizeEmail(`a@${'b'.repeat(250)}.de`)).toBeNull()
  })
})
