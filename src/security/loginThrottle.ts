import type { CollectionAfterLoginHook, CollectionBeforeOperationHook } from 'payload'

import { clientAddressKey, CodedError, sharedCounter } from '@kontorwerk/personalization'

import { label } from '../i18n/label'
import { message } from '../i18n/message'

/**
 * Failed logins allowed per client address per window. Payload's own lockout (maxLoginAttempts)
 * locks the *account*, so five wrong guesses by anyone locked the real admin out; counting per
 * address instead stops guessing without handing strangers that switch.
 */
export const LOGIN_THROTTLE = { failuresPerAddress: 10, windowMs: 15 * 60_000 }

const failures = () => sharedCounter('login-failures', LOGIN_THROTTLE.windowMs)

/**
 * Runs before every login (REST /api/users/login, which the admin UI posts to, and GraphQL loginUser).
 * Every attempt counts up front, so parallel guesses cannot slip past the limit; a successful login
 * takes its count back (below). A throttled attempt is refused before the password is even checked.
 */
export const throttleLogin: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  // Server code logging in through the Local API is not a stranger guessing passwords.
  if (operation !== 'login' || req.payloadAPI === 'local') return args
  const { totalHits } = await failures().increment(clientAddressKey(req))
  if (totalHits > LOGIN_THROTTLE.failuresPerAddress) {
    throw new CodedError(
      'RATE_LIMITED',
      message(
        req,
        label(
          'Zu viele fehlgeschlagene Anmeldungen von dieser Adresse. Bitte versuchen Sie es in 15 Minuten erneut.',
          'Too many failed logins from this address. Please try again in 15 minutes.',
        ),
      ),
    )
  }
  return args
}

/**
 * A successful login does not count as a failure. It takes back only its own attempt and never
 * clears the count: otherwise one known password would reset the counter for guessing others.
 */
export const forgiveSuccessfulLogin: CollectionAfterLoginHook = async ({ req, user }) => {
  if (req.payloadAPI !== 'local') await failures().decrement(clientAddressKey(req))
  return user
}
