/** Unique-index violations as the drivers report them: PostgreSQL's SQLSTATE and SQLite's (libSQL) code. */
const UNIQUE_CODES = new Set(['23505', 'SQLITE_CONSTRAINT_UNIQUE'])

/**
 * Whether an error of a write is a unique-index violation, looking through the wrappers (Drizzle's
 * query error, Payload's) down the `cause` chain.
 */
export function isUniqueConflict(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { cause, code, message } = current as { cause?: unknown; code?: unknown; message?: unknown }
    if (typeof code === 'string' && UNIQUE_CODES.has(code)) return true
    if (typeof message === 'string' && /UNIQUE constraint failed/.test(message)) return true
    current = cause
  }
  return false
}
