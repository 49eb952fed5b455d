import type { RuleProblem } from './types'

/** Problems as one line for an error message: each with its place in the tree. */
export const describeProblems = (problems: RuleProblem[]) =>
  problems.map(({ message, path }) => `${path}: ${message}`).join('; ')
