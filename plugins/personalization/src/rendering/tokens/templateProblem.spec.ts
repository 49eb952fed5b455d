import { describe, expect, it } from 'vitest'

import { COSTLY_TEMPLATES } from '../../../../../tests/helpers/costlyTemplates'
import { cpuMs } from '../../../../../tests/helpers/cpuTime'
import { templateProblem } from './templateProblem'

/** The editor's message in German and the CPU time the check took. */
function timedProblem(template: string) {
  let problem: null | string = null
  const ms = cpuMs(() => (problem = templateProblem(template)?.de ?? null))
  return { ms, problem }
}

describe('Liquid checks when an editor saves', () => {
  it('reports unknown variables, unknown filters and syntax errors for the editor, in German and English', () => {
    expect(templateProblem('Hallo {{ subscriber.firstname }}')?.de).toMatch(
      /^Unbekannte Variable „subscriber.firstname“/,
    )
    expect(templateProblem('Hallo {{ subscriber.firstname }}')?.en).toMatch(
      /^Unknown variable "subscriber.firstname". Allowed: salutation, subscriber.academic_title/,
    )
    expect(templateProblem('Hallo {{ vorname }}')?.de).toMatch(/^Unbekannte Variable „vorname“/)
    expect(templateProblem('{{ salutation | shout }}')).toEqual({
      de: 'Unbekannter Filter „shout“',
      en: 'Unknown filter "shout"',
    })
    expect(templateProblem('{% if salutation %}offen')?.de).toMatch(/^Liquid-Fehler: /)
    expect(templateProblem('{{ salutation')?.en).toMatch(/^Liquid error: /)
  })

  it('accepts valid templates and plain text', () => {
    for (const ok of [
      'Ohne Token',
      '{{ salutation }}',
      '{% if subscriber.first_name %}Hi {{ subscriber.first_name }}{% endif %}',
      '{{ subscriber.email | downcase }}',
      '{% for star in (1..5) %}★{% endfor %}',
    ]) {
      expect(templateProblem(ok)).toBeNull()
    }
  })

  it('refuses the raw filter and tags that print unescaped or read files', () => {
    expect(templateProblem('<b>{{ salutation | raw }}</b>')).toEqual({
      de: 'Der Filter „raw“ ist nicht erlaubt: Er schaltet das HTML-Escaping ab.',
      en: 'The filter "raw" is not allowed: it switches off HTML escaping.',
    })
    expect(templateProblem('{{ salutation | raw | upcase }}')?.de).toMatch(/^Der Filter „raw“ ist nicht erlaubt/)
    expect(templateProblem('{% echo salutation | raw %}')?.de).toMatch(/^Der Filter „raw“ ist nicht erlaubt/)
    expect(templateProblem('{% raw %}{{ "<script>alert(1)</script>" }}{% endraw %}')?.de).toBe(
      'Das Tag „raw“ ist nicht erlaubt: Es gibt seinen Inhalt ungeprüft als HTML aus.',
    )
    expect(templateProblem('{% liquid raw %}')?.de).toMatch(/^Das Tag „raw“ ist nicht erlaubt/)
    for (const tag of ['include', 'render', 'layout']) {
      expect(templateProblem(`{% ${tag} "package.json" %}`)).toEqual({
        de: `Das Tag „${tag}“ ist nicht erlaubt: Vorlagen können keine Dateien einbinden.`,
        en: `The tag "${tag}" is not allowed: templates cannot include files.`,
      })
    }
  })

  it('refuses templates too costly to render, each within 100 ms', () => {
    for (const template of COSTLY_TEMPLATES) {
      const { ms, problem } = timedProblem(template)
      expect(problem, template.slice(0, 80)).toMatch(
        /^Die Vorlage ist zu aufwendig: Schleifen, große Bereiche oder wachsender Text/,
      )
      expect(ms, template.slice(0, 80)).toBeLessThan(100)
    }
    expect(templateProblem(COSTLY_TEMPLATES[1])?.en).toMatch(
      /^The template is too costly: loops, large ranges or growing text/,
    )
  })

  it('refuses templates too long or with too much Liquid within 100 ms, and parses the largest allowed ones as fast', () => {
    const refused: [string, RegExp][] = [
      [`{{ salutation }}${'x'.repeat(300_000)}`, /^Die Vorlage ist zu lang: höchstens 300\.000 Zeichen\.$/],
      [
        '{{ salutation }}'.repeat(501),
        /^Die Vorlage enthält zu viel Liquid: höchstens 500 Anweisungen mit zusammen 20\.000 Zeichen, je Anweisung 1\.000\.$/,
      ],
      [`{% liquid\n${'echo salutation\n'.repeat(500)}%}`, /^Die Vorlage enthält zu viel Liquid/],
      [`{{ salutation${' | upcase'.repeat(2500)} }}`, /^Die Vorlage enthält zu viel Liquid/],
      // One condition of hundreds of `and`s: cheap in steps, costly in a loop.
      [
        `{% for i in (1..5000) %}{% if ${Array(300).fill('1 == 1').join(' and ')} %}{% endif %}{% endfor %}`,
        /^Die Vorlage enthält zu viel Liquid/,
      ],
      ['{% if salutation %}'.repeat(5000) + '{% endif %}'.repeat(5000), /^Die Vorlage enthält zu viel Liquid/],
    ]
    for (const [template, message] of refused) {
      const { ms, problem } = timedProblem(template)
      expect(problem, template.slice(0, 60)).toMatch(message)
      expect(ms, template.slice(0, 60)).toBeLessThan(100)
    }
    const largest = [
      `${'Langer Absatz ohne Token. '.repeat(11_000)}{{ salutation }}`,
      `{% comment %}${'{{ subscriber.locale }}'.repeat(498)}{% endcomment %}`,
      `{{ subscriber.locale${' | upcase'.repeat(95)} }}`,
      `${'{% if salutation %}'.repeat(50)}x${'{% endif %}'.repeat(50)}`,
    ]
    for (const template of largest) {
      const { ms, problem } = timedProblem(template)
      expect(problem, template.slice(0, 60)).toBeNull()
      expect(ms, template.slice(0, 60)).toBeLessThan(100)
    }
  })
})
