import type { PayloadRequest } from 'payload'

import { CodedError } from '../errors'
import { personalizationOptions } from '../extensions'
import { clientAddressKey } from '../security/clientAddress'
import { sharedCounter } from '../security/sharedCounter'
import { message } from '../translations'

const WINDOW_MS = 60_000

/**
 * Counts one personalization field against an anonymous caller's address; throws RATE_LIMITED past
 * the limit (option `anonymousRateLimit`, per minute, each alias counting). A visitor's pages need
 * a few; a scraper walking every context needs thousands. Logins and API keys are not limited: a
 * server-side frontend should call with an API key.
 */
export async function spendAnonymousAllowance(req: PayloadRequest): Promise<void> {
  const limit = personalizationOptions(req.payload).anonymousRateLimit
  if (req.user || limit === 0) return
  const { totalHits } = await sharedCounter('anonymous-personalization', WINDOW_MS).increment(clientAddressKey(req))
  if (totalHits > limit) {
    throw new CodedError('RATE_LIMITED', message(req, 'kontorwerk-personalization:tooManyPersonalizationRequests'))
  }
}
