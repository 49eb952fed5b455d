import type { AfterErrorHook } from 'payload'

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'FAILED_PRECONDITION',
  429: 'RATE_LIMITED',
}

/** Every GraphQL error carries `extensions.code`: the error's own, else one derived from its HTTP status. */
export const addGraphQLErrorCode: AfterErrorHook = ({ error, graphqlResult }) => {
  if (!graphqlResult) return
  const original = (error as { originalError?: { data?: { code?: string; details?: unknown } } }).originalError
  const extensions = (graphqlResult.extensions ?? {}) as { statusCode?: number }
  const code = original?.data?.code ?? CODE_BY_STATUS[extensions.statusCode ?? 500] ?? 'INTERNAL_SERVER_ERROR'
  return {
    graphqlResult: {
      ...graphqlResult,
      extensions: { ...extensions, code, ...(original?.data?.details ? { details: original.data.details } : {}) },
    },
  }
}
