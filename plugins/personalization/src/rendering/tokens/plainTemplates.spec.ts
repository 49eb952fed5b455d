import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { CodedError } from '../../errors'
import { type ParsedTokens, parseTokens, renderParsed } from './liquid'

type Mode = ParsedTokens['mode']

/** What a render gives: its text or its coded error, so both paths can be compared as values. */
function outcome(parsed: ParsedTokens, scope: Record<string, unknown>): string {
  try {
    return `ok: ${renderParsed(parsed, scope)}`
  } catch (error) {
    return error instanceof CodedError ? `${error.code}: ${error.message}` : `uncoded: ${String(error)}`
  }
}

/** The same template through liquidjs' interpreter only. */
const interpreted = (parsed: ParsedTokens): ParsedTokens => ({ ...parsed, plan: null })

// Literal text without Liquid delimiters, with what HTML escaping and whitespace control care about.
const literal = fc
  .array(fc.constantFrom('a', 'Ü', ' ', '\n', '<p>', '&', '"', "'", '>', '-', '}', 'ß'), { maxLength: 6 })
  .map((parts) => parts.join(''))
const variable = fc.constantFrom(
  'salutation',
  'subscriber.first_name',
  'subscriber.last_name',
  'subscriber["email"]',
  'subscriber.size',
  'subscriber.first',
  'subscriber.missing',
  'subscriber',
  'count',
  'nothing',
)
const output = fc
  .tuple(
    variable,
    fc.constantFrom('', ' | default: "Hallo & <Gäste>"', ' | default: ""', ' | upcase', ' | default: subscriber.email'),
    fc.constantFrom(['{{ ', ' }}'], ['{{- ', ' -}}'], ['{{', '}}']),
  )
  .map(([name, filter, [open, close]]) => `${open}${name}${filter}${close}`)
const piece = fc.oneof(
  { arbitrary: literal, weight: 4 },
  { arbitrary: output, weight: 4 },
  { arbitrary: fc.constant('{% if subscriber.first_name %}!{% endif %}'), weight: 1 },
)
const template = fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join(''))
const text = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('Anna', 'Tom <b>&</b> "Co"', "O'Brien"),
)
const scope = fc.record({
  count: fc.constantFrom(0, 3),
  salutation: text,
  subscriber: fc.record({ email: text, first_name: text, last_name: text, size: text }),
})

describe('plain templates (literal text and variables) rendered without the interpreter', () => {
  it('give what liquidjs gives, text or error, for random templates and readers in both modes', () => {
    fc.assert(
      fc.property(template, scope, fc.constantFrom<Mode>('html', 'text'), (source, reader, mode) => {
        let parsed: ParsedTokens
        try {
          parsed = parseTokens(source, mode)
        } catch {
          return // a template liquidjs cannot parse never reaches rendering
        }
        expect(outcome(parsed, reader)).toBe(outcome(interpreted(parsed), reader))
      }),
      { numRuns: 3000 },
    )
  })

  it('are what a newsletter is made of, and anything else goes to the interpreter', () => {
    expect(
      parseTokens('<p>{{ salutation }}, {{ subscriber.first_name | default: "Hallo" }}</p>', 'html').plan,
    ).not.toBe(null)
    expect(parseTokens('{% if subscriber.first_name %}x{% endif %}', 'html').plan).toBe(null)
    expect(parseTokens('{{ subscriber.first_name | upcase }}', 'html').plan).toBe(null)
  })

  it('stop at the same budgets as liquidjs: an escaped name beyond the memory budget fails alike', () => {
    const parsed = parseTokens('{{ salutation }}{{ salutation }}', 'html')
    const reader = { salutation: 'x'.repeat(30_000) }
    const result = outcome(parsed, reader)
    expect(result).toMatch(/^FAILED_PRECONDITION: .*limits for templates/)
    expect(result).toBe(outcome(interpreted(parsed), reader))
    expect(outcome(parsed, { salutation: 'x'.repeat(20_000) })).toBe(`ok: ${'x'.repeat(40_000)}`)
  })
})
