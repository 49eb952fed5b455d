import { describe, expect, it } from 'vitest'

import { COSTLY_TEMPLATES, SLOW_BUT_FINITE } from '../../../../../tests/helpers/costlyTemplates'
import { cpuMs } from '../../../../../tests/helpers/cpuTime'
import { CodedError } from '../../errors'
import { type ParsedTokens, parseTokens, renderParsed, renderTokens, tokenContext } from './liquid'

const anna = tokenContext({
  academicTitle: 'Dr.',
  addressForm: 'formal',
  firstName: 'Anna',
  gender: 'female',
  lastName: 'Berger',
  locale: 'de',
})
const nobody = tokenContext({ locale: 'de' })

/** How a render (or a parse, which has no text output) ended and how long (CPU time) it held the event loop. */
function attempt(render: () => ParsedTokens | string): { error: string; ms: number; output: string } {
  const result = { error: 'no error', ms: 0, output: '' }
  result.ms = cpuMs(() => {
    try {
      const output = render()
      if (typeof output === 'string') result.output = output
    } catch (error) {
      result.error = error instanceof CodedError ? `${error.code}: ${error.message}` : `uncoded ${String(error)}`
    }
  })
  return result
}

describe('Liquid personalization tokens', () => {
  it('renders the salutation and subscriber fields', () => {
    expect(renderTokens('{{ salutation }}, Ihr Angebot', anna, 'text')).toBe(
      'Sehr geehrte Frau Dr. Berger, Ihr Angebot',
    )
    expect(renderTokens('Hallo {{ subscriber.first_name | default: "zusammen" }}!', nobody, 'text')).toBe(
      'Hallo zusammen!',
    )
    expect(renderTokens('Hallo {{ subscriber.first_name | default: "zusammen" }}!', anna, 'text')).toBe('Hallo Anna!')
  })

  it('escapes values in HTML but not in plain text', () => {
    const mallory = tokenContext({ addressForm: 'informal', firstName: 'Tom <script>x</script> & Co', locale: 'de' })
    expect(renderTokens('<p>{{ salutation }}</p>', mallory, 'html')).toBe(
      '<p>Hallo Tom &lt;script&gt;x&lt;/script&gt; &amp; Co</p>',
    )
    expect(renderTokens('{{ salutation }}', mallory, 'text')).toBe('Hallo Tom <script>x</script> & Co')
  })

  it('offers the product filters', () => {
    expect(renderTokens('{{ "2026-12-24T10:00:00Z" | date_de }}', anna, 'text')).toBe('24. Dezember 2026')
    expect(renderTokens('{{ "Anna Maria" | first_word }}', anna, 'text')).toBe('Anna')
  })

  it('still renders what editors legitimately write: conditions, case, assign, capture, small loops', () => {
    const template = [
      '{% assign name = subscriber.first_name | default: "zusammen" %}',
      '{% capture greeting %}Hallo {{ name }}{% endcapture %}',
      '{% case subscriber.locale %}{% when "de" %}{{ greeting }}!{% else %}Hi!{% endcase %}',
      '{% if subscriber.academic_title %} ({{ subscriber.academic_title }}){% endif %}',
      ' {% for star in (1..3) %}★{% endfor %} {{ subscriber.email | split: "@" | last }}',
    ].join('')
    expect(
      renderTokens(template, { ...anna, subscriber: { ...anna.subscriber, email: 'anna@example.com' } }, 'html'),
    ).toBe('Hallo Anna! (Dr.) ★★★ example.com')
  })

  it('knows neither the raw filter nor tags that print unescaped or read files, also in templates stored before that rule', () => {
    const forbidden = [
      '{{ "<img src=x onerror=alert(1)>" | raw }}',
      '{% raw %}{{ "<img src=x onerror=alert(1)>" }}{% endraw %}',
      '{% liquid raw %}',
      '{% include "package.json" %}',
      '{% render "package.json" %}',
      '{% layout "package.json" %}x',
    ]
    for (const template of forbidden) {
      for (const mode of ['html', 'text'] as const) {
        const result = attempt(() => renderTokens(template, anna, mode))
        expect(result.error, `${mode}: ${template}`).toMatch(
          /^FAILED_PRECONDITION: A Liquid template cannot be rendered: (tag "\w+" not found|undefined filter: raw)/,
        )
        expect(result.output).not.toMatch(/<img|payload-personalization/)
      }
    }
    expect(attempt(() => parseTokens('<p>{{ salutation | raw }}</p>', 'html')).error).toMatch(
      /^FAILED_PRECONDITION: .*undefined filter: raw/,
    )
  })
})

describe('Liquid render limits', () => {
  it('stops a costly template stored before the limits within a bound, as a coded failure', () => {
    for (const template of COSTLY_TEMPLATES) {
      for (const mode of ['html', 'text'] as const) {
        const result = attempt(() => renderTokens(template, anna, mode))
        expect(result.error, `${mode}: ${template.slice(0, 80)}`).toMatch(
          /^FAILED_PRECONDITION: A Liquid template exceeds the limits for templates: /,
        )
        // Steps, memory and output stop it after ~25 ms of work; the time limit (twice 50 ms) is the backstop.
        expect(result.ms, `${mode}: ${template.slice(0, 80)}`).toBeLessThan(250)
      }
    }
  })

  it('applies the limits to a newsletter rendered in one pass from parsed pieces', () => {
    const pieces = parseTokens(SLOW_BUT_FINITE, 'html')
    const result = attempt(() => renderParsed(pieces, anna))
    expect(result.error).toMatch(
      /^FAILED_PRECONDITION: A Liquid template exceeds the limits for templates: (render steps|template render|memory alloc) limit exceeded/,
    )
    expect(result.ms).toBeLessThan(250)
  })

  it('does not parse templates too long or with too much Liquid to parse quickly', () => {
    const cases: [string, RegExp][] = [
      [`{{ salutation }}${'x'.repeat(300_000)}`, /parse length limit exceeded/],
      ['{{ salutation }}'.repeat(501), /tag count limit exceeded/],
      [`{% liquid\n${'echo salutation\n'.repeat(500)}%}`, /tag count limit exceeded/],
      [`{{ salutation${' | upcase'.repeat(2500)} }}`, /markup length limit exceeded/],
    ]
    for (const [template, reason] of cases) {
      const result = attempt(() => parseTokens(template, 'html'))
      expect(result.error).toMatch(/^FAILED_PRECONDITION: A Liquid template exceeds the limits for templates: /)
      expect(result.error).toMatch(reason)
      expect(result.ms).toBeLessThan(100)
    }
  })
})
