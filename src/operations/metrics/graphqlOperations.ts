import type { ExecutionArgs, ValidationRule } from 'graphql'

import { currentRequest } from '../logging/requestContext'

/** The GraphQL root fields whose latency is measured (render and segment count histograms). */
export const MEASURED_FIELDS = new Set([
  'personalizedBlocks',
  'personalizedLandingPage',
  'personalizedNewsletter',
  'segmentCount',
])

/**
 * Payload's `graphQL.validationRules` hook, used to learn what a GraphQL request asks for: the
 * express server only sees `POST /api/graphql`, and reading the body there would take it from
 * Payload. Notes the measured root fields on the request's context and adds no rule.
 */
export function noteMeasuredOperations(args: ExecutionArgs): ValidationRule[] {
  const request = currentRequest()
  if (!request) return []
  for (const definition of args.document.definitions) {
    if (definition.kind !== 'OperationDefinition') continue
    for (const selection of definition.selectionSet.selections)
      if (selection.kind === 'Field' && MEASURED_FIELDS.has(selection.name.value))
        request.operations.add(selection.name.value)
  }
  return []
}
