import { CodedError } from '@kontorwerk/personalization'

/** The segments plugin's own error code (the core's list does not know it). */
export const SEGMENT_INVALID = 'SEGMENT_INVALID'

/**
 * A segment's rules cannot be evaluated: a reference deleted since they were saved, a cycle, too
 * many conditions once the segments they use are written out. 422, places in `details`.
 */
export const segmentInvalid = (message: string, details?: Record<string, unknown>) =>
  new CodedError(SEGMENT_INVALID, message, details, 422)

export const isSegmentInvalid = (error: unknown): error is CodedError =>
  error instanceof CodedError && error.code === SEGMENT_INVALID
