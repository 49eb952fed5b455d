import type { PayloadRequest } from 'payload'

import { CodedError } from '@kontorwerk/personalization'

const json = (status: number, body: unknown) => Response.json(body, { status })

/** The endpoints' answer: the result as JSON, a coded error as `{ errors: [{ code, message, details? }] }` with its status. */
export const answer = async (run: () => Promise<unknown>) => {
  try {
    return json(200, await run())
  } catch (error) {
    if (error instanceof CodedError)
      return json(error.status, {
        errors: [
          { code: error.code, message: error.message, ...(error.data?.details ? { details: error.data.details } : {}) },
        ],
      })
    throw error
  }
}

/** The JSON body, or an empty object for none or a broken one (the action then says what is missing). */
export const bodyOf = async <T>(req: PayloadRequest) => ((await req.json?.().catch(() => ({}))) ?? {}) as T
