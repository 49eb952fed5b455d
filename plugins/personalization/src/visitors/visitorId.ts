/**
 * An anonymous visitor id as the browser SDK makes it: a random UUID (version 4), opaque, chosen by
 * the browser after tracking consent. Anything else is refused, so no e-mail address, customer
 * number or fingerprint can be smuggled in as a "visitor id" and turn anonymous data personal.
 */
const VISITOR_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

export const isVisitorId = (value: unknown): value is string => typeof value === 'string' && VISITOR_ID.test(value)
