import type { PayloadRequest } from 'payload'

import { isolateObjectProperty } from 'payload'

/**
 * The request with a `context` of its own, for a write that passes flags such as CAMPAIGN_ACTION
 * or SKIP_AUDIT: Payload merges an operation's `context` into `req.context`, so on the shared
 * request they would outlive the write and switch off the schedule lock, approval voiding and the
 * audit for every later operation of the same request (two GraphQL mutations, a hook's writes).
 * Transaction and user stay shared.
 */
export const withOwnContext = <T extends PayloadRequest | undefined>(req: T): T =>
  (req ? isolateObjectProperty(req, 'context') : req) as T
