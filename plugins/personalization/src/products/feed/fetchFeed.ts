import type { Payload } from 'payload'

import { CodedError } from '../../errors'
import { fetchPublic, WebhookRefused, webhookUrlProblem } from '../../security/webhookTargets'

/** A feed of 50,000 products with long names fits; a larger answer is refused before it is all in memory. */
export const MAX_FEED_BYTES = 20 * 1024 * 1024
export const FEED_TIMEOUT_MS = 30_000

/** Refused addresses and failed fetches are the caller's to fix (422); a feed too large is 413. */
const feedError = (code: 'FEED_TOO_LARGE' | 'FEED_URL_FAILED' | 'FEED_URL_REFUSED', message: string) =>
  new CodedError(code, message, undefined, code === 'FEED_TOO_LARGE' ? 413 : 422)

export type FetchedFeed = { contentType: null | string; text: string }

/**
 * A feed from its URL with the webhook guard (http(s) only, never into the server's own network, no
 * redirect followed), a time limit and a size limit. Failures are coded: FEED_URL_REFUSED (the address
 * is not allowed), FEED_URL_FAILED (no answer, an error status, a redirect), FEED_TOO_LARGE.
 */
export async function fetchFeed(
  payload: Pick<Payload, 'config'>,
  url: string,
  { limit = MAX_FEED_BYTES, timeoutMs = FEED_TIMEOUT_MS } = {},
): Promise<FetchedFeed> {
  const problem = await webhookUrlProblem(payload, url)
  if (problem) throw feedError('FEED_URL_REFUSED', problem.en)
  let response
  try {
    response = await fetchPublic(payload, url, {
      headers: { accept: 'text/csv, application/json;q=0.9, */*;q=0.5' },
      method: 'GET',
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (error) {
    if (error instanceof WebhookRefused) throw feedError('FEED_URL_REFUSED', error.message)
    const timedOut = (error as Error).name === 'TimeoutError'
    throw feedError(
      'FEED_URL_FAILED',
      timedOut
        ? `No answer within ${timeoutMs / 1000} s`
        : `The feed could not be fetched: ${(error as Error).message}`,
    )
  }
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel()
    throw feedError(
      'FEED_URL_FAILED',
      `The feed redirects to ${response.headers.get('location') ?? 'another address'}; enter that address`,
    )
  }
  if (!response.ok) {
    await response.body?.cancel()
    throw feedError('FEED_URL_FAILED', `The feed answered with status ${response.status}`)
  }
  if (Number(response.headers.get('content-length')) > limit) {
    await response.body?.cancel()
    throw feedError('FEED_TOO_LARGE', `The feed is larger than ${limit} bytes`)
  }
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength
    if (size > limit) throw feedError('FEED_TOO_LARGE', `The feed is larger than ${limit} bytes`)
    chunks.push(chunk)
  }
  return { contentType: response.headers.get('content-type'), text: new TextDecoder().decode(Buffer.concat(chunks)) }
}
