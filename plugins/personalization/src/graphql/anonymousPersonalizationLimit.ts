import type { PayloadRequest } from 'payload'

import { CodedError } from '../errors'
import { label } from '../i18n/label'
import { message } from '../i18n/message'
import { clientAddressKey } from '../../../../src/security/clientAddress'
import { sharedCounter } from '../security/sharedCounter'

const WINDOW_MS = 60_000

/**
 * Personalization fields an anonymous caller may ask for per client address and minute (each alias
 * counts). A visitor's pages need a few; a scraper walking every context needs thousands. Logins and
 * API keys are not limited: a server-side frontend should call with an API key. PERSONALIZATION_RATE_LIMIT
 * overrides the number (0 turns the limit off, e.g. for load tests).
 */
export function anonymousPersonalizationLimit(): number {
  const configured = Number(process.env.PERSONALIZATION_RATE_LIMIT)
  return process.env.PERSONALIZATION_RATE_LIMIT && Number.isInteger(configured) && configured >= 0 ? configured : 60
}

/** Counts one personalization field against an anonymous caller's address; throws RATE_LIMITED past the limit. */
export async function spendAnonymousAllowance(req: PayloadRequest): Promise<void> {
  const limit = anonymousPersonalizationLimit()
  if (req.user || limit === 0) return
  const { totalHits } = await sharedCounter('anonymous-personalization', WINDOW_MS).increment(clientAddressKey(req))
  if (totalHits > limit) {
    throw new CodedError('RATE_LIMITED', message(req, label('Zu viele Personalisierungsanfragen von dieser Adresse; bitte warten Sie eine Minute.', 'Too many personalization requests from this address; please wait a minute.')))
  }
}
