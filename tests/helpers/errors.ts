/** The field errors of a Payload ValidationError, as `path: message` strings. */
export async function fieldErrors(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise
  } catch (error) {
    const errors = (error as { data?: { errors?: { message: string; path: string }[] } }).data?.errors
    if (!errors) throw error
    return errors.map(({ message, path }) => `${path}: ${message}`)
  }
  throw new Error('expected a validation error, but the operation succeeded')
}

/** An id of the right shape for the database that no document has. */
export const missingId = (kind: string) => (kind === 'mongodb' ? '0000000000000000000000aa' : 987654)
