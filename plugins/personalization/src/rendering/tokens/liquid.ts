import { Liquid, LiquidError, type Template } from 'liquidjs'

import { addressName, addressNameAccusative, salutation, type SalutationInput } from '../../engine/salutation'
import { CodedError } from '../../errors'
import {
  assertMarkupWithinLimits,
  BudgetedCaptureTag,
  countRenderSteps,
  exceededLimit,
  PARSE_LIMITS,
  RENDER_BUDGET,
  renderWithin,
  SAVE_BUDGET,
} from './budget'
import { joinPlans, type PlainPlan, plainPlanOf, renderPlain } from './plainTemplates'

/** The variables editors may use in subjects, preheaders and block text. */
export type TokenSubscriber = {
  academic_title: null | string
  /** The name in the reader's form of address ("Frau Dr. Berger" / "Anna"), or its pronoun: see addressName. */
  address_name: string
  /** The same after "für": "Herrn Keller", "dich" (see addressNameAccusative). */
  address_name_accusative: string
  email: null | string
  first_name: null | string
  last_name: null | string
  locale: string
}
export type TokenContext = { salutation: string; subscriber: TokenSubscriber }

export const SUBSCRIBER_FIELDS: (keyof TokenSubscriber)[] = [
  'academic_title',
  'address_name',
  'address_name_accusative',
  'email',
  'first_name',
  'last_name',
  'locale',
]

/** A reader with every variable present, so strict mode rejects only names that do not exist. */
export const SAMPLE_CONTEXT: TokenContext = {
  salutation: 'Sehr geehrte Frau Dr. Berger',
  subscriber: {
    academic_title: 'Dr.',
    address_name: 'Frau Dr. Berger',
    address_name_accusative: 'Frau Dr. Berger',
    email: 'anna.berger@example.com',
    first_name: 'Anna',
    last_name: 'Berger',
    locale: 'de',
  },
}

/**
 * A reader's variables. `language`: the document's language, which the salutation is written in
 * (an English reader of a German-only newsletter is greeted in German); `subscriber.locale` stays
 * the reader's own locale (`de-AT`).
 */
export function tokenContext(
  profile: SalutationInput & { email?: null | string },
  language: null | string | undefined = profile.locale,
): TokenContext {
  return {
    salutation: salutation({ ...profile, locale: language }),
    subscriber: {
      academic_title: profile.academicTitle ?? null,
      address_name: addressName({ ...profile, locale: language }),
      address_name_accusative: addressNameAccusative({ ...profile, locale: language }),
      email: profile.email ?? null,
      first_name: profile.firstName?.trim() || null,
      last_name: profile.lastName?.trim() || null,
      locale: profile.locale ?? 'de',
    },
  }
}

/**
 * Not in editor content: tags that read files on the server (`include`, `render`, `layout` with
 * `block`) or print their text unescaped (`raw`), and the filter that switches off HTML escaping.
 * The engines do not know them, so a template stored before this rule fails to render instead.
 */
export const FORBIDDEN_TAGS = ['block', 'include', 'layout', 'raw', 'render']
export const FORBIDDEN_FILTERS = ['raw']

function createEngine(outputEscape?: 'escape') {
  const engine = new Liquid({
    cache: 1000,
    memoryLimit: RENDER_BUDGET.memory,
    outputEscape,
    parseLimit: PARSE_LIMITS.characters,
    renderLimit: RENDER_BUDGET.renderMs,
    strictFilters: true,
    strictVariables: true,
  })
  for (const tag of FORBIDDEN_TAGS) delete engine.tags[tag]
  for (const filter of FORBIDDEN_FILTERS) delete engine.filters[filter]
  engine.registerTag('capture', BudgetedCaptureTag)
  countRenderSteps(engine)
  // Filters the product adds to Liquid's own.
  engine.registerFilter(
    'first_word',
    (value: unknown) =>
      String(value ?? '')
        .trim()
        .split(/\s+/)[0] ?? '',
  )
  engine.registerFilter('date_de', (value: unknown) =>
    new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeZone: 'Europe/Berlin' }).format(new Date(String(value))),
  )
  return engine
}

/** HTML output escapes every value; plain text (subjects, text part) does not. */
const engines = { html: createEngine('escape'), text: createEngine() }

type Mode = keyof typeof engines

function parseWithinLimits(source: string, mode: Mode): Template[] {
  assertMarkupWithinLimits(source)
  return engines[mode].parse(source)
}

/**
 * A stored template that cannot be rendered — too costly, or broken before the save-time checks
 * caught it — is a problem of the content: a coded failure the caller reports (GraphQL answers
 * FAILED_PRECONDITION, a campaign pauses with the reason), never a crash or a blocked server.
 */
function renderable<T>(work: () => T): T {
  try {
    return work()
  } catch (error) {
    if (!(error instanceof LiquidError) && !exceededLimit(error)) throw error
    const where = error instanceof LiquidError ? ` in ${error.token.getText().slice(0, 80)}` : ''
    const what = exceededLimit(error) ? 'exceeds the limits for templates' : 'cannot be rendered'
    throw new CodedError(
      'FAILED_PRECONDITION',
      `A Liquid template ${what}: ${(error as Error).message.split('\n')[0]}${where}`,
    )
  }
}

const parsed = new Map<string, ParsedTokens>()
const MAX_PARSED = 5000

/** Parsed once per template and mode (a parsed template keeps its engine's escaping). */
function parse(source: string, mode: Mode): ParsedTokens {
  const key = `${mode}\u0000${source}`
  let tokens = parsed.get(key)
  if (!tokens) {
    tokens = parseTokens(source, mode)
    if (parsed.size >= MAX_PARSED) parsed.delete(parsed.keys().next().value as string)
    parsed.set(key, tokens)
  }
  return tokens
}

/** Renders a template with a reader's tokens (or, for transactional mail, its own variables). */
export function renderTokens(source: string, context: Record<string, unknown> | TokenContext, mode: Mode): string {
  if (!source.includes('{')) return source
  return renderParsed(parse(source, mode), context)
}

/**
 * Parsed text, for pieces rendered for many readers (the parts of a compiled newsletter). `plan`:
 * the same as plain text and variables when it is no more than that (plainTemplates.ts).
 */
export type ParsedTokens = { mode: Mode; plan: null | PlainPlan; templates: Template[] }

export function parseTokens(source: string, mode: Mode): ParsedTokens {
  const templates = renderable(() => parseWithinLimits(source, mode))
  return { mode, plan: plainPlanOf(templates, engines[mode]), templates }
}

/** Pieces parsed separately, rendered as one: a single Liquid pass per reader for a whole newsletter. */
export function joinParsed(mode: Mode, pieces: ParsedTokens[]): ParsedTokens {
  return {
    mode,
    plan: joinPlans(pieces.map((piece) => piece.plan)),
    templates: pieces.flatMap((piece) => piece.templates),
  }
}

export function renderParsed(
  { mode, plan, templates }: ParsedTokens,
  context: Record<string, unknown> | TokenContext,
): string {
  const plain = plan && renderPlain(plan, context, mode === 'html', RENDER_BUDGET)
  if (typeof plain === 'string') return plain
  return renderable(() => renderWithin(engines[mode], templates, context, RENDER_BUDGET))
}

/**
 * Parses and renders a template for the sample reader within the save-time budget, throwing what
 * liquidjs or a limit reports (see templateProblem for the editor's words).
 */
export function checkTemplate(source: string): void {
  renderWithin(engines.html, parseWithinLimits(source, 'html'), SAMPLE_CONTEXT, SAVE_BUDGET)
}
