import type { ExecutionArgs, GraphQLError, ValidationContext, ValidationRule } from 'graphql'

import { type ComplexityEstimator, createComplexityRule } from 'graphql-query-complexity'

/**
 * What one personalization field costs, by what it ranks and renders: a block list ranks one slot;
 * a landing page ranks its sections and renders a whole HTML page; a newsletter also compiles
 * MJML and renders HTML and text. Every alias runs the engine again, so every alias costs.
 */
export const PERSONALIZATION_COSTS: Readonly<Record<string, number>> = {
  personalizedBlocks: 1,
  personalizedLandingPage: 3,
  personalizedNewsletter: 5,
  // One recommendation slot: a choice over the catalog held in memory, the reader's views read once.
  personalizedRecommendations: 1,
}

/** What one GraphQL request may spend: a page with a landing page and a dozen block lists, or four newsletters. */
export const REQUEST_BUDGET = 20

const PRICE_LIST = Object.entries(PERSONALIZATION_COSTS)
  .map(([field, cost]) => `${field} ${cost}`)
  .join(', ')

/** Personalization fields at the root cost their price; every other field is free here (Payload's own complexity limit covers those). */
const personalizationCost: ComplexityEstimator = ({ childComplexity, field, type }) =>
  (type.name === 'Query' ? PERSONALIZATION_COSTS[field.name] : undefined) ?? childComplexity

/**
 * A validation rule, so an over-budget request is refused before anything runs. Aliases, fragments
 * and @include/@skip are counted as the executor would run them (graphql-query-complexity).
 */
export function personalizationBudget({
  operationName,
  variableValues,
}: Pick<ExecutionArgs, 'operationName' | 'variableValues'>): ValidationRule {
  let cost = 0
  const measure = createComplexityRule({
    estimators: [personalizationCost],
    maximumComplexity: REQUEST_BUDGET,
    onComplete: (measured) => {
      cost = measured
    },
    operationName: operationName ?? undefined,
    variables: variableValues ?? undefined,
  })
  // The refusal is the library's own GraphQLError, made with the graphql copy Payload's handler checks
  // errors against; this module imports no graphql that a bundler or test runner could resolve to a
  // second copy. It only gets our code and words.
  const explain = (error: GraphQLError) => {
    error.message = `This request asks for personalization costing ${cost}, more than the ${REQUEST_BUDGET} one request may spend (${PRICE_LIST}): split it up`
    Object.assign(error.extensions, { code: 'BAD_USER_INPUT', details: { budget: REQUEST_BUDGET, cost } })
    return error
  }
  return (context: ValidationContext) =>
    measure(
      Object.assign(Object.create(context) as ValidationContext, {
        reportError: (error: GraphQLError) => context.reportError(explain(error)),
      }),
    )
}
