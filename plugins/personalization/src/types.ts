import type { EcommerceOptions } from './ecommerce/orderPurchases'

/** Options of `personalization()`, the core package. Every one has a default that works for the demo. */
export type PersonalizationOptions = {
  /**
   * Anonymous personalization requests (GraphQL `personalized*` fields, aliases counted) a client
   * address may make per minute; logins and API keys are not limited. 0 turns the limit off.
   * @default 60
   */
  anonymousRateLimit?: number
  /**
   * Webhooks (e.g. the CRM stage webhook of lead scoring) may go to loopback, private and
   * link-local addresses. Off, so a webhook URL cannot reach into the server's own network.
   * @default false
   */
  allowPrivateWebhooks?: boolean
  /**
   * Attempts of an outgoing webhook delivery (collection `webhooks`) before it is logged as failed;
   * between them Payload's job queue waits `webhookBackoffMs`, doubled after every attempt.
   * @default 6
   */
  webhookAttempts?: number
  /** The first wait before a failed webhook delivery is tried again (exponential backoff). @default 30000 (30 s, then 1, 2, 4, 8 minutes) */
  webhookBackoffMs?: number
  /**
   * The caller's IP address for per-address limits (anonymous personalization, sign-ups). Read
   * from a header your server or proxy sets from the connection and no caller can forge. A host
   * without such a server or proxy must not trust `x-client-ip`, which any caller can send: it reads
   * its proxy's header instead, e.g. `(headers) => headers.get('x-real-ip')`.
   * @default reads `x-client-ip` (the reference app's express server overwrites it with the socket's address)
   */
  clientAddress?: (headers: Headers) => null | string
  /**
   * The public event endpoint for browsers (`POST /api/events/browser`, the browser SDK's) and
   * anonymous visitor profiles (docs/plugins/personalization.md#browser-sdk-and-anonymous-visitors).
   * @default { origins: [origin of publicUrl], perIpPerMinute: 120, perVisitorPerMinute: 60, anonymousRetentionDays: 90 }
   */
  browser?: BrowserOptions
  /**
   * Days a block with a discount product is withheld from a reader who bought that product.
   * @default 30
   */
  discountGuardDays?: number
  /**
   * The host runs @payloadcms/plugin-ecommerce (listed before this plugin): each paid order becomes one
   * `purchase` event per item, for the subscriber with the order's customer email
   * (docs/plugins/personalization.md#shop-orders). `true` takes the defaults.
   * @default false
   */
  ecommerce?: boolean | EcommerceOptions
  /**
   * The upload collection whose images content blocks show (sizes `email`, `emailRetina`, `web`
   * are used when it has them).
   * @default 'media'
   */
  mediaSlug?: string
  /**
   * Product feeds (CSV or JSON) imported into the catalog on the schedule `productFeedSchedule`, each
   * all or nothing like the import endpoint (docs/plugins/personalization.md#products-and-recommendations).
   * `language`: the content language of the names (default German). Fetched behind the webhook guard.
   * @default []
   */
  productFeeds?: { language?: string; url: string }[]
  /**
   * When the product feeds are fetched (cron with seconds, server time); without `productFeeds` no job is added.
   * @default '0 15 * * * *' (hourly, at a quarter past)
   */
  productFeedSchedule?: string
  /**
   * Where the public pages (sign-up, double opt-in, preference center, unsubscribe) and the tracking
   * links are served, without a trailing slash: every link to them, in mails (List-Unsubscribe too)
   * and on the pages themselves, starts with it. The plugins serve them as Payload endpoints under
   * the API route, so a stock Payload app needs nothing more; a host that also maps them to other
   * paths (the reference app rewrites `/subscribe` to `/api/subscribe` and so on) names that address here.
   * @default `${publicUrl}${routes.api}`, e.g. 'https://www.example.com/api'
   */
  pagesUrl?: string
  /**
   * Signing secrets of earlier deployments: links mailed before a secret rotation keep working
   * while their secret is listed. New links are signed with the Payload config's `secret`.
   * @default []
   */
  previousLinkSecrets?: string[]
  /**
   * The public address readers reach the site at, without a trailing slash: relative links and
   * images of blocks in a mail start with it (links to the public pages start with `pagesUrl`).
   * @default the config's `serverURL`, else 'http://localhost:3000'
   */
  publicUrl?: string
  /**
   * The auth collection of the staff who edit content. It gets a `role` field (admin, editor)
   * unless it has one: admins see personal data, editors see the marketing profile only.
   * @default 'users'
   */
  usersSlug?: string
}

/** Option `browser` of the core: who may send browser events, how often, and how long anonymous data stays. */
export type BrowserOptions = {
  /**
   * Days an anonymous visitor's events are kept when the visitor never becomes a subscriber; the
   * hourly sweep deletes older ones (TDDDG/GDPR storage limitation).
   * @default 90
   */
  anonymousRetentionDays?: number
  /**
   * Page origins (scheme, host and port, e.g. 'https://www.example.com') whose pages may send events;
   * any other Origin is refused with 403 ORIGIN_NOT_ALLOWED. Requests without an Origin are refused too.
   * @default [the origin of publicUrl]
   */
  origins?: string[]
  /** Requests per client address and minute (IPv6 per /56). 0 turns the limit off. @default 120 */
  perIpPerMinute?: number
  /** Requests per visitor id (or subscriber token) and minute. 0 turns the limit off. @default 60 */
  perVisitorPerMinute?: number
}

export type ResolvedBrowserOptions = Required<BrowserOptions>

export type ResolvedPersonalizationOptions = Required<Omit<PersonalizationOptions, 'browser'>> & {
  browser: ResolvedBrowserOptions
}
