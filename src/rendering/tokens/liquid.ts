import { Liquid, type Template } from 'liquidjs'

import { salutation, type SalutationInput } from '../../personalization/salutation'

/** The variables editors may use in subjects, preheaders and block text. */
export type TokenSubscriber = {
  academic_title: null | string
  email: null | string
  first_name: null | string
  last_name: null | string
  locale: string
}
export type TokenContext = { salutation: string; subscriber: TokenSubscriber }

const SUBSCRIBER_FIELDS: (keyof TokenSubscriber)[] = ['academic_title', 'email', 'first_name', 'last_name', 'locale']

/** A reader with every variable present, so strict mode rejects only names that do not exist. */
export const SAMPLE_CONTEXT: TokenContext = {
  salutation: 'Sehr geehrte Frau Dr. Berger',
  subscriber: { academic_title: 'Dr.', email: 'anna.berger@example.com', first_name: 'Anna', last_name: 'Berger', locale: 'de' },
}

export function tokenContext(profile: SalutationInput & { email?: null | string }): TokenContext {
  return {
    salutation: salutation(profile),
    subscriber: {
      academic_title: profile.academicTitle ?? null,
      email: profile.email ?? null,
      first_name: profile.firstName?.trim() || null,
      last_name: profile.lastName?.trim() || null,
      locale: profile.locale ?? 'de',
    },
  }
}

function createEngine(outputEscape?: 'escape') {
  const engine = new Liquid({ cache: 1000, outputEscape, strictFilters: true, strictVariables: true })
  // Filters the product adds to Liquid's own.
  engine.registerFilter('first_word', (value: unknown) => String(value ?? '').trim().split(/\s+/)[0] ?? '')
  engine.registerFilter('date_de', (value: unknown) =>
    new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeZone: 'Europe/Berlin' }).format(new Date(String(value))),
  )
  return engine
}

/** HTML output escapes every value; plain text (subjects, text part) does not. */
const engines = { html: createEngine('escape'), text: createEngine() }

const parsed = new Map<string, Template[]>()
const MAX_PARSED = 5000

type Mode = keyof typeof engines

/** Parsed once per template and mode (a parsed template keeps its engine's escaping). */
function parse(source: string, mode: Mode): Template[] {
  const key = `${mode}\u0000${source}`
  let templates = parsed.get(key)
  if (!templates) {
    templates = engines[mode].parse(source)
    if (parsed.size >= MAX_PARSED) parsed.delete(parsed.keys().next().value as string)
    parsed.set(key, templates)
  }
  return templates
}

/** Renders a template with a reader's tokens (or, for transactional mail, its own variables). */
export function renderTokens(source: string, context: Record<string, unknown> | TokenContext, mode: Mode): string {
  if (!source.includes('{')) return source
  return engines[mode].renderSync(parse(source, mode), context) as string
}

/** Parsed text, for pieces rendered for many readers (the parts of a compiled newsletter). */
export type ParsedTokens = { mode: Mode; templates: Template[] }

export function parseTokens(source: string, mode: Mode): ParsedTokens {
  return { mode, templates: engines[mode].parse(source) }
}

/** Pieces parsed separately, rendered as one: a single Liquid pass per reader for a whole newsletter. */
export function joinParsed(mode: Mode, pieces: ParsedTokens[]): ParsedTokens {
  return { mode, templates: pieces.flatMap((piece) => piece.templates) }
}

export function renderParsed({ mode, templates }: ParsedTokens, context: TokenContext): string {
  return engines[mode].renderSync(templates, context) as string
}

/**
 * Why a template cannot be used, in words an editor understands, or null when it is fine:
 * syntax errors, unknown variables and unknown filters are all caught before anything is sent.
 */
export function templateProblem(source: null | string | undefined): null | string {
  if (!source || !source.includes('{')) return null
  try {
    engines.html.parseAndRenderSync(source, SAMPLE_CONTEXT)
    return null
  } catch (error) {
    const text = (error as Error).message.split('\n')[0]
    const unknown = /undefined variable: (\S+)/.exec(text)
    if (unknown) {
      return `Unbekannte Variable „${unknown[1].replace(/,$/, '')}“. Erlaubt: salutation, ${SUBSCRIBER_FIELDS.map((f) => `subscriber.${f}`).join(', ')}`
    }
    const filter = /undefined filter: (\S+)/.exec(text)
    if (filter) return `Unbekannter Filter „${filter[1].replace(/,$/, '')}“`
    return `Liquid-Fehler: ${text}`
  }
}
