import type { PayloadRequest } from 'payload'

import type { SegmentsTranslationKey } from '../translations'
import type { de } from '../translations/de'
import type { RuleProblem } from './types'

import { message, texts } from '../translations'
import { FIELD_BY_NAME } from './catalogue'

/** A problem's kind: its text is the segments translation `problem<Code>`. */
export type ProblemCode = keyof typeof de extends infer Key
  ? Key extends `problem${infer Code}`
    ? Code
    : never
  : never
export type ProblemVars = Record<string, number | string>

/** What is wrong, before it knows its place: a code with its values (the text comes from the code). */
export type Problem = { code: ProblemCode; vars?: ProblemVars }

export const problem = (code: ProblemCode, vars?: ProblemVars): Problem => ({ code, ...(vars ? { vars } : {}) })

/**
 * A problem at its place in the tree ("rules[1].rules[0]"), optionally of a condition's field. `message`
 * is the English text the API has always given (machines and logs read it); `code`, `field` and `vars`
 * let the admin word it in its language (describeProblems).
 */
export function ruleProblem(path: string, { code, vars }: Problem, field?: string): RuleProblem {
  const text = texts(`kontorwerk-segments:problem${code}`, vars).en
  return {
    code,
    message: field ? `${field}: ${text}` : text,
    path: path || 'root',
    ...(field ? { field } : {}),
    ...(vars ? { vars } : {}),
  }
}

/** "rules[1].rules[0]" as an editor counts: "Regel 2.1"; the whole tree: "Regeln". */
export function placeOf(path: string, req: Partial<Pick<PayloadRequest, 'i18n'>> | undefined): string {
  const numbers = [...path.matchAll(/rules\[(\d+)\]/g)].map(([, index]) => Number(index) + 1)
  return numbers.length
    ? message(req, 'kontorwerk-segments:problemPlaceRule', { number: numbers.join('.') })
    : message(req, 'kontorwerk-segments:problemPlaceRoot')
}

/** One problem in the request's language, without its place: "Sprache: braucht einen Text mit 1–200 Zeichen …". */
export function problemText(problem: RuleProblem, req: Partial<Pick<PayloadRequest, 'i18n'>> | undefined): string {
  if (!problem.code) return problem.message
  const text = message(req, `kontorwerk-segments:problem${problem.code}` as SegmentsTranslationKey, problem.vars)
  const label = problem.field ? FIELD_BY_NAME.get(problem.field as never)?.label : undefined
  const field = label ? message(req, label) : problem.field
  return field ? `${field}: ${text}` : text
}

/**
 * Problems as one line for an error message, each with its place. With a request: in its language
 * ("Regel 1: Sprache: braucht einen Text …"); without, the English API text with the machine paths.
 */
export const describeProblems = (problems: RuleProblem[], req?: Partial<Pick<PayloadRequest, 'i18n'>>) =>
  problems
    .map((problem) =>
      req ? `${placeOf(problem.path, req)}: ${problemText(problem, req)}` : `${problem.path}: ${problem.message}`,
    )
    .join('; ')
