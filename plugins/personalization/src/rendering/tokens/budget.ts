import { CaptureTag, Context, type Emitter, type Liquid, type Template, toValue, toValueSync } from 'liquidjs'

/**
 * What one Liquid template may cost. Editors write the templates and the server renders them for
 * every reader, so a template must never block the event loop or exhaust memory, whatever it says.
 *
 * Parsing: liquidjs' `parseLimit` counts characters, but parsing costs grow with the Liquid markup,
 * faster than linearly (60,000 `{{ … }}` took 3 s, a 7,000-line `{% liquid %}` tag 50–80 ms, while
 * 300,000 characters of plain text take ~10 ms), so the markup is bounded on its own.
 */
export const PARSE_LIMITS = {
  /** Characters per parse: the standard layout compiles to ~8 KiB, a long block body is a few KiB. */
  characters: 300_000,
  /** Characters inside `{{ … }}` and `{% … %}`. */
  markup: 20_000,
  /**
   * Characters of one tag (one line of a `{% liquid %}` tag): a condition of hundreds of `and`s,
   * evaluated in a loop, costs far more than its steps say; real conditions are a few dozen characters.
   */
  tagLine: 1_000,
  /** `{{ … }}` and `{% … %}` (every line of a `{% liquid %}` tag counts). */
  tags: 500,
}

/**
 * Per render call. `steps` counts the lists of template nodes rendered (the template itself, every
 * loop iteration, every branch taken, by their number of nodes): a bound on the work that, unlike
 * time, does not depend on how busy the machine is. `memory` is liquidjs' `memoryLimit`, charged by
 * ranges, filters and (ours) `capture`, so a filter call on a huge list or string is refused before
 * it runs. `output` bounds the characters a render writes (liquidjs has no such limit, and a loop
 * of literal text would otherwise build hundreds of megabytes). `renderMs` is liquidjs'
 * `renderLimit`, wall-clock time checked before every node list: the backstop for work the others
 * do not count (long conditions or filter chains repeated in a loop, deeply nested tags).
 */
export type RenderBudget = { memory: number; output: number; renderMs: number; steps: number }

/**
 * For readers: the demo newsletter's Liquid pass takes ~30 µs and ~20 steps for 26 KiB of HTML; a
 * template at these limits takes ~25 ms, one stopped by the time limit 2 × 50 ms (see renderWithin).
 */
export const RENDER_BUDGET: RenderBudget = { memory: 50_000, output: 2_000_000, renderMs: 50, steps: 10_000 }

/**
 * At save time, with the sample reader: a fifth of the steps and memory, so a template that passes
 * keeps its distance from the limits for readers whose names are longer; 10 ms (twice, see
 * renderWithin), so the check with parsing stays far below 100 ms on a busy machine too.
 */
export const SAVE_BUDGET: RenderBudget = { memory: 10_000, output: 400_000, renderMs: 10, steps: 1_000 }

export type LimitKind = 'markup' | 'parse' | 'render' | 'time'

const LIMIT_MESSAGES: [RegExp, LimitKind][] = [
  [/parse length limit exceeded/, 'parse'],
  [/(tag count|markup length) limit exceeded/, 'markup'],
  [/template render limit exceeded/, 'time'],
  // Memory, output, or what the engine runs into first with deeply nested or huge constructs.
  [
    /(render steps|memory alloc|output length) limit exceeded|Maximum call stack size exceeded|Invalid (string|array) length/,
    'render',
  ],
]

/** Which limit an error of parsing or rendering reports, if any (liquidjs wraps the original message). */
export function exceededLimit(error: unknown): LimitKind | null {
  const text = error instanceof Error ? error.message : ''
  return LIMIT_MESSAGES.find(([pattern]) => pattern.test(text))?.[1] ?? null
}

/**
 * Refuses a template whose Liquid markup is too large to parse quickly, in one linear scan that
 * stops at the first limit or at an unclosed `{{` or `{%` (liquidjs reports that one).
 */
export function assertMarkupWithinLimits(source: string): void {
  let characters = 0
  let tags = 0
  const opening = /\{[{%]/g
  for (let match = opening.exec(source); match; match = opening.exec(source)) {
    const closing = source.indexOf(match[0] === '{{' ? '}}' : '%}', match.index + 2)
    if (closing < 0) return
    const end = closing + 2
    characters += end - match.index
    if (characters > PARSE_LIMITS.markup) throw new Error('markup length limit exceeded')
    tags += 1
    let lineStart = match.index
    for (let at = match.index; at <= end; at++) {
      if (at < end && source.charCodeAt(at) !== 10) continue
      if (at - lineStart > PARSE_LIMITS.tagLine) throw new Error('markup length limit exceeded')
      if (at < end) tags += 1
      lineStart = at + 1
    }
    if (tags > PARSE_LIMITS.tags) throw new Error('tag count limit exceeded')
    opening.lastIndex = end
  }
}

/** Text as liquidjs' own emitter writes it. */
function asText(value: unknown): string {
  const plain: unknown = toValue(value)
  if (typeof plain === 'string') return plain
  if (plain == null) return ''
  if (Array.isArray(plain)) return plain.map(asText).join('')
  return String(plain)
}

/** liquidjs' emitter with a ceiling on what it writes (loops of literal text charge no memory). */
export class BoundedEmitter implements Emitter {
  buffer = ''
  constructor(private readonly limit: number) {}

  write(value: unknown): void {
    const text = asText(value)
    if (this.buffer.length + text.length > this.limit) throw new Error('output length limit exceeded')
    this.buffer += text
  }
}

/**
 * `capture` renders into a buffer of its own, outside the emitter's ceiling; what it captured is
 * charged to the memory budget, like a filter's result, so doubling a captured text in a loop stops.
 */
export class BudgetedCaptureTag extends CaptureTag {
  *render(ctx: Context): Generator<unknown, void, string> {
    yield* super.render(ctx)
    ctx.memoryLimit.use(asText(ctx.bottom()[this.variable]).length)
  }
}

/** A render's context that carries its step budget (a tag's nested renders share their context). */
class BudgetedContext extends Context {
  constructor(
    scope: object,
    engine: Liquid,
    budget: RenderBudget,
    public stepsLeft = budget.steps,
  ) {
    super(
      scope,
      engine.options,
      { memoryLimit: budget.memory, renderLimit: budget.renderMs, sync: true },
      { liquid: engine },
    )
  }
}

/**
 * Makes an engine count the steps of renders started by renderWithin: every node list it renders
 * (at least one per list, so an empty loop body counts too) goes through its renderer.
 */
export function countRenderSteps(engine: Liquid): void {
  const { renderer } = engine
  const renderTemplates = renderer.renderTemplates.bind(renderer)
  renderer.renderTemplates = (templates: Template[], ctx: Context, emitter?: Emitter) => {
    if (ctx instanceof BudgetedContext && (ctx.stepsLeft -= Math.max(1, templates.length)) < 0)
      throw new Error('render steps limit exceeded')
    return renderTemplates(templates, ctx, emitter)
  }
}

function renderOnce(engine: Liquid, templates: Template[], scope: object, budget: RenderBudget): string {
  const ctx = new BudgetedContext(scope, engine, budget)
  return toValueSync(engine.renderer.renderTemplates(templates, ctx, new BoundedEmitter(budget.output))) as string
}

/**
 * Renders parsed templates within a budget (liquidjs' renderSync, with our emitter and per-call
 * limits). The time limit is wall-clock time, so it measures the machine too: a render that ran out
 * of time is tried once more, so a busy moment or a garbage collection does not fail a harmless
 * render (a newsletter takes ~30 µs), while a template that is really too slow fails twice.
 */
export function renderWithin(engine: Liquid, templates: Template[], scope: object, budget: RenderBudget): string {
  try {
    return renderOnce(engine, templates, scope, budget)
  } catch (error) {
    if (exceededLimit(error) !== 'time') throw error
    return renderOnce(engine, templates, scope, budget)
  }
}
