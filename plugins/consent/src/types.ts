/** How the consent plugin stores proof and limits contact. */
export type ConsentPluginOptions = {
  /** IP address and user agent in the ledger: raw, as a salted SHA-256 hash, or not at all. */
  networkData?: 'hashed' | 'none' | 'raw'
  /** The collection that holds the people consent is given by. */
  subscribersSlug?: string
  /** The system's own cap on marketing messages per channel, whatever the subscriber chose. */
  systemCap?: { maxMessages: number; perDays: number }
  /** The mailbox of the `mailto:` unsubscribe in every marketing mail's List-Unsubscribe header. */
  unsubscribeMailto?: string
}

export type ResolvedConsentOptions = Required<ConsentPluginOptions>
