import { describe, expect, it } from 'vitest'

import { renderTokens, templateProblem, tokenContext } from './liquid'

const anna = tokenContext({ academicTitle: 'Dr.', addressForm: 'formal', firstName: 'Anna', gender: 'female', lastName: 'Berger', locale: 'de' })
const nobody = tokenContext({ locale: 'de' })

describe('Liquid personalization tokens', () => {
  it('renders the salutation and subscriber fields', () => {
    expect(renderTokens('{{ salutation }}, Ihr Angebot', anna, 'text')).toBe('Sehr geehrte Frau Dr. Berger, Ihr Angebot')
    expect(renderTokens('Hallo {{ subscriber.first_name | default: "zusammen" }}!', nobody, 'text')).toBe('Hallo zusammen!')
    expect(renderTokens('Hallo {{ subscriber.first_name | default: "zusammen" }}!', anna, 'text')).toBe('Hallo Anna!')
  })

  it('escapes values in HTML but not in plain text', () => {
    const mallory = tokenContext({ addressForm: 'informal', firstName: 'Tom <script>x</script> & Co', locale: 'de' })
    expect(renderTokens('<p>{{ salutation }}</p>', mallory, 'html')).toBe('<p>Hallo Tom &lt;script&gt;x&lt;/script&gt; &amp; Co</p>')
    expect(renderTokens('{{ salutation }}', mallory, 'text')).toBe('Hallo Tom <script>x</script> & Co')
  })

  it('offers the product filters', () => {
    expect(renderTokens('{{ "2026-12-24T10:00:00Z" | date_de }}', anna, 'text')).toBe('24. Dezember 2026')
    expect(renderTokens('{{ "Anna Maria" | first_word }}', anna, 'text')).toBe('Anna')
  })

  it('reports unknown variables, unknown filters and syntax errors for the editor', () => {
    expect(templateProblem('Hallo {{ subscriber.firstname }}')).toMatch(/^Unbekannte Variable „subscriber.firstname“/)
    expect(templateProblem('Hallo {{ vorname }}')).toMatch(/^Unbekannte Variable „vorname“/)
    expect(templateProblem('{{ salutation | shout }}')).toBe('Unbekannter Filter „shout“')
    expect(templateProblem('{% if salutation %}offen')).toMatch(/^Liquid-Fehler: /)
    expect(templateProblem('{{ salutation')).toMatch(/^Liquid-Fehler: /)
  })

  it('accepts valid templates and plain text', () => {
    for (const ok of ['Ohne Token', '{{ salutation }}', '{% if subscriber.first_name %}Hi {{ subscriber.first_name }}{% endif %}', '{{ subscriber.email | downcase }}']) {
      expect(templateProblem(ok)).toBeNull()
    }
  })
})
