import { type Liquid, Output, Tag, type Template } from 'liquidjs'

import type { RenderBudget } from './budget'

/**
 * Most of what a newsletter renders per reader is literal HTML with a handful of
 * `{{ subscriber.first_name | default: "…" }}` outputs; liquidjs' interpreter spends ~75 µs per
 * reader on it (generators, a context, the budget's bookkeeping). A template made only of literal
 * text and such outputs is turned into a plan once and rendered by string concatenation here.
 * Anything else — tags, other filters, a variable that is missing or not text, a limit reached —
 * goes to liquidjs, so its result and its errors stay liquidjs' own (plainTemplates.spec.ts holds
 * both paths to the same output on random templates and readers).
 */

/** A variable to print: its path in the scope and the text of a `default` filter, if it has one. */
type PlainOutput = { fallback: null | string; path: string[] }

export type PlainPlan = {
  pieces: (PlainOutput | string)[]
  /** The nodes liquidjs would render (its step budget counts them). */
  steps: number
}

// liquidjs' token kinds (TokenKind, not exported as a type in every build).
const WORD = 256
const QUOTED = 1024
const PROPERTY_ACCESS = 128

type TokenLike = { content?: unknown; kind?: number; props?: TokenLike[]; variable?: unknown }
type FilterLike = { args: unknown[]; handler: unknown }

/** The plan of templates of one engine, or null when one of them needs the interpreter. */
export function plainPlanOf(templates: Template[], engine: Liquid): null | PlainPlan {
  const pieces: PlainPlan['pieces'] = []
  for (const template of templates) {
    if (template instanceof Tag) return null
    if (template instanceof Output) {
      const output = plainOutput(template, engine)
      if (!output) return null
      pieces.push(output)
      continue
    }
    const literal = (template as { str?: unknown }).str
    if (typeof literal !== 'string') return null
    if (typeof pieces.at(-1) === 'string') pieces[pieces.length - 1] += literal
    else pieces.push(literal)
  }
  return { pieces, steps: templates.length }
}

/** Two plans rendered one after the other, as joined templates are. */
export function joinPlans(plans: (null | PlainPlan)[]): null | PlainPlan {
  if (plans.some((plan) => !plan)) return null
  return {
    pieces: (plans as PlainPlan[]).flatMap((plan) => plan.pieces),
    steps: (plans as PlainPlan[]).reduce((sum, plan) => sum + plan.steps, 0),
  }
}

function plainOutput(output: Output, engine: Liquid): null | PlainOutput {
  const filters = [...(output.value.filters as unknown as FilterLike[])]
  const escape = engine.options.outputEscape
  // The engine's escaping is the last filter of every output (liquidjs appends it at parse time).
  if (escape) {
    if (filters.at(-1)?.handler !== escape) return null
    filters.pop()
  }
  let fallback: null | string = null
  if (filters.length > 1) return null
  if (filters.length === 1) {
    const [only] = filters
    const argument = only.args[0] as TokenLike | undefined
    if (only.handler !== engine.filters.default || only.args.length !== 1) return null
    if (argument?.kind !== QUOTED || typeof argument.content !== 'string') return null
    fallback = argument.content
  }
  const postfix = (output.value.initial as unknown as { postfix: TokenLike[] }).postfix
  if (postfix.length !== 1) return null
  const [value] = postfix
  if (value.kind !== PROPERTY_ACCESS || value.variable || !value.props?.length) return null
  const path: string[] = []
  for (const prop of value.props) {
    if ((prop.kind !== WORD && prop.kind !== QUOTED) || typeof prop.content !== 'string') return null
    path.push(prop.content)
  }
  return { fallback, path }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return false
  const prototype = Object.getPrototypeOf(value)
  return (
    (prototype === Object.prototype || prototype === null) &&
    typeof (value as { toLiquid?: unknown }).toLiquid !== 'function'
  )
}

/** Names liquidjs reads its own way (`size` of a list, `first`, `last`), whatever the object holds. */
const SPECIAL_KEYS = new Set(['first', 'last', 'size'])

/** A variable's value when it is text or empty; undefined when liquidjs must decide (missing, not text). */
function lookUp(scope: object, path: string[]): null | string | undefined {
  let value: unknown = scope
  for (const key of path) {
    if (!isPlainObject(value) || SPECIAL_KEYS.has(key) || !Object.hasOwn(value, key)) return undefined
    value = value[key]
  }
  if (value === null || typeof value === 'string') return value
  return undefined
}

const ESCAPES: Record<string, string> = { '"': '&#34;', '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;' }
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => ESCAPES[character])

/**
 * The plan rendered for one scope, or undefined when liquidjs must render it: a variable is
 * missing or not text, or the render would reach a budget (liquidjs then reports which).
 */
export function renderPlain(
  plan: PlainPlan,
  scope: object,
  escaped: boolean,
  budget: RenderBudget,
): string | undefined {
  if (Math.max(1, plan.steps) > budget.steps) return undefined
  let out = ''
  let charged = 0
  for (const piece of plan.pieces) {
    if (typeof piece === 'string') {
      out += piece
      continue
    }
    let value = lookUp(scope, piece.path)
    if (value === undefined) return undefined
    if (piece.fallback !== null && !value) value = piece.fallback
    const text = value ?? ''
    if (escaped) {
      // liquidjs' escape filter charges the memory budget with what it escapes.
      charged += text.length
      if (charged > budget.memory) return undefined
      out += escapeHtml(text)
    } else out += text
  }
  return out.length > budget.output ? undefined : out
}
