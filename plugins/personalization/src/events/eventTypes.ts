/**
 * What subscribers do (docs/plugins/personalization.md#event-intake). `tracked` events are behaviour the subscriber did not hand
 * over deliberately: they are stored only with tracking consent (docs/plugins/personalization.md#tracking).
 */
export const EVENT_TYPES = {
  bounce: { engagement: false, tracked: false },
  // A shop's cart (issue 18): its products by SKU. Sent by the shop like a purchase, so not tracking that needs consent.
  cart_updated: { engagement: true, tracked: false },
  checkout_started: { engagement: true, tracked: false },
  custom: { engagement: false, tracked: false },
  download: { engagement: true, tracked: false },
  email_clicked: { engagement: true, tracked: true },
  email_delivered: { engagement: false, tracked: false },
  email_opened: { engagement: true, tracked: true },
  email_sent: { engagement: false, tracked: false },
  form_submitted: { engagement: true, tracked: false },
  // A click on the website (the browser SDK's track('link_clicked')), as opposed to a tracked mail link.
  link_clicked: { engagement: true, tracked: true },
  page_viewed: { engagement: true, tracked: true },
  purchase: { engagement: true, tracked: false },
  stage_changed: { engagement: false, tracked: false },
  unsubscribe: { engagement: false, tracked: false },
} as const

export type EventType = keyof typeof EVENT_TYPES

/** Written by the product itself, never accepted from a client. */
export const SYSTEM_EVENT_TYPES: readonly EventType[] = ['stage_changed']

/**
 * Written by the product's own mail sending and tracking routes (/t/o, /t/c); besides those only an
 * admin may post them. From an integration key they would forge opens, clicks and with a click's
 * `message` a campaign's revenue attribution (docs/governance.md).
 */
export const MAIL_EVENT_TYPES: readonly EventType[] = ['email_clicked', 'email_opened', 'email_sent']

export const isEventType = (value: unknown): value is EventType =>
  typeof value === 'string' && Object.hasOwn(EVENT_TYPES, value)

export type PropertySpec = { name: string; type: 'currency' | 'number' | 'skus' | 'string' }

/** The properties each type must carry, so rules and reports can rely on them. */
export const REQUIRED_PROPERTIES: Partial<Record<EventType, PropertySpec[]>> = {
  bounce: [{ name: 'kind', type: 'string' }],
  // The whole cart as it is now (an empty list: emptied); the abandoned-cart mail shows these products.
  cart_updated: [{ name: 'products', type: 'skus' }],
  checkout_started: [{ name: 'products', type: 'skus' }],
  custom: [{ name: 'name', type: 'string' }],
  download: [{ name: 'asset', type: 'string' }],
  email_clicked: [{ name: 'url', type: 'string' }],
  form_submitted: [{ name: 'form', type: 'string' }],
  link_clicked: [{ name: 'url', type: 'string' }],
  page_viewed: [{ name: 'url', type: 'string' }],
  // A shop or CRM does not always know the price (the story posts the product alone): amount is optional
  // and counts 0 towards RFM's monetary value.
  purchase: [{ name: 'product', type: 'string' }],
}

/** Properties a type may carry; when present they must have this shape, so reports can add them up. */
export const OPTIONAL_PROPERTIES: Partial<Record<EventType, PropertySpec[]>> = {
  // A product page's view names the product by SKU: "recently viewed" recommendations read it.
  page_viewed: [{ name: 'product', type: 'string' }],
  purchase: [
    { name: 'amount', type: 'number' },
    { name: 'currency', type: 'currency' },
    { name: 'order', type: 'string' },
  ],
}

/** The properties an event of this type carries by contract (required, then optional), e.g. for rule builders. */
export const eventPropertyNames = (type: EventType): string[] =>
  [...(REQUIRED_PROPERTIES[type] ?? []), ...(OPTIONAL_PROPERTIES[type] ?? [])].map((property) => property.name)
