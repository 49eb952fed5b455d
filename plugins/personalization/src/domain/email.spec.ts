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

  it('drops the trailing dot of a fully qualified domain: the same mailbox, the same spelling', () => {
    expect(normalizeEmail('Anna@Example.com.')).toBe('anna@example.com')
    expect(normalizeEmail('anna@example.com\u3002')).toBe('anna@example.com')
    expect(normalizeEmail('Jürgen@Müller.de.')).toBe(normalizeEmail('jürgen@müller.de'))
  })

  it('rejects what cannot be a mailbox', () => {
    for (const bad of [
      '',
      'no-at-sign',
      '@example.de',
      'anna@',
      'anna@localhost',
      'anna@localhost.',
      'anna@.',
      'anna@example..de',
      'anna@.example.de',
      'anna@example.de..',
      'an na@example.de',
      'a<b>@example.de',
      42,
      null,
    ]) {
      expect(normalizeEmail(bad)).toBeNull()
    }
  })

  it('rejects control characters, which would reach mail headers (the domain parser would silently drop some)', () => {
    for (const bad of [
      'anna@exa\r\nmple.de',
      'anna@example.de\r\nBcc: evil@x',
      'an\u0000na@example.de',
      'an\u0007na@example.de',
      'anna@exam\tple.de',
      'anna\u007f@example.de',
    ]) {
      expect(normalizeEmail(bad)).toBeNull()
    }
  })

  it('rejects over-long addresses', () => {
    expect(normalizeEmail(`${'a'.repeat(65)}@example.de`)).toBeNull()
    expect(normalizeEmail(`a@${'b'.repeat(250)}.de`)).toBeNull()
  })
})
