import type { CollectionBeforeChangeHook } from 'payload'

import { ValidationError } from 'payload'

import { message } from '../translations'
import { ERASED, isErased } from './suppressions'

/** Set by the double-opt-in sign-up (flows.subscribe): the person asks themselves, which is new consent. */
export const SIGNUP_BY_PERSON = 'signupByPerson'

/**
 * A subscriber saved with the address or external id of a person erased on request (admin UI,
 * REST, GraphQL, a scoped integration key) is refused with a field error coded `erased` and nothing
 * is stored. Only the person's own sign-up through the double-opt-in form may create them again.
 */
export const refuseErasedSubscriber: CollectionBeforeChangeHook = async ({
  collection,
  context,
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (context[SIGNUP_BY_PERSON]) return data
  const previous = (originalDoc ?? {}) as { email?: null | string; externalId?: null | string }
  const changed = (field: 'email' | 'externalId') =>
    data[field] != null && (operation === 'create' || data[field] !== previous[field])
  for (const field of (['email', 'externalId'] as const).filter(changed)) {
    if (!(await isErased(req, { [field]: data[field] as string }))) continue
    throw new ValidationError({
      collection: collection.slug,
      errors: [{ message: `${message(req, 'kontorwerk-consent:erasedOnRequest')} (${ERASED})`, path: field }],
    })
  }
  return data
}
