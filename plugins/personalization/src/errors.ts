import { APIError } from 'payload'

/** The core's codes; a plugin with codes of its own passes their HTTP status (see the constructor). */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'BODY_TOO_LARGE'
  | 'ERASURE_FAILED'
  | 'FAILED_PRECONDITION'
  | 'FORBIDDEN'
  | 'INVALID_TOKEN'
  | 'MALFORMED_JSON'
  | 'NOT_FOUND'
  | 'RATE_LIMITED'
  | 'UNAUTHENTICATED'

const STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  BODY_TOO_LARGE: 413,
  // Erasure is all or nothing: a failed one changed nothing and can simply be repeated.
  ERASURE_FAILED: 409,
  FAILED_PRECONDITION: 409,
  FORBIDDEN: 403,
  INVALID_TOKEN: 401,
  MALFORMED_JSON: 400,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  UNAUTHENTICATED: 401,
}

/** A client-facing error with a machine-readable code (GraphQL extensions.code, HTTP status). */
export class CodedError extends APIError<{ code: string } & Record<string, unknown>> {
  readonly code: string
  /** `details` travel with the code (GraphQL extensions.details), e.g. per-item problems of a batch. */
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>)
  /** A plugin's own code (e.g. segments' `SEGMENT_INVALID`): the core's list stays the core's, so the plugin names the status. */
  constructor(code: string, message: string, details: Record<string, unknown> | undefined, status: number)
  constructor(code: string, message: string, details?: Record<string, unknown>, status = STATUS[code as ErrorCode]) {
    super(message, status, details ? { code, details } : { code }, true)
    this.code = code
    this.name = 'CodedError'
  }
}
