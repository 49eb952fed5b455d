/** How the consent plugin stores proof and limits contact. */
export type ConsentPluginOptions = {
  /** IP address and user agent in the ledger: raw, as a salted SHA-256 hash, or not at all. */
  networkData?: 'hashed' | 'none' | 'raw'
  /** The collection that holds the people consent is given by. */
  subscribersSlug?: string
  /**
   * The defaults of the admin global `contact-budget`: the system's limit on marketing messages per
   * channel (rolling day and 7 days), whatever the subscriber chose, and the quiet hours behaviour-triggered
   * mails wait out (recipient's local time, "HH:MM"). Admins change them in the global.
   */
  contactBudget?: { perDay: number; perWeek: number; quietHours: { from: string; until: string } }
  /**
   * Serve the public pages (sign-up, confirmation, preference center, unsubscribe, landing pages)
   * only once the Branding global names a privacy policy and an imprint; until then they answer
   * 503 with a coded message in the log. The reference app sets it in production.
   */
  legalLinksRequired?: boolean
  /**
   * Where uploaded subscriber imports are kept until they are deleted (Payload's local upload
   * storage of the `subscriber-imports` collection); the run reads the file from there.
   */
  importDir?: string
  /**
   * The key of the erasure suppression list's hashes (HMAC-SHA-256 of an erased person's address and
   * external id). Null: the Payload config's secret. Keep it stable: after a change, earlier erasures
   * no longer match and an old export could bring those people back.
   */
  erasureSecret?: null | string
  /**
   * Days after which a profile that an unconfirmed sign-up created is deleted (nightly job
   * `consentPurgeUnconfirmed`): only when its ledger holds nothing but those requests and nobody
   * else knows the person (no external id, no event). At least 3 (the confirmation link lives
   * 48 hours); `false` keeps them. Default 30.
   */
  unconfirmedRetentionDays?: false | number
  /** The mailbox of the `mailto:` unsubscribe in every marketing mail's List-Unsubscribe header. */
  unsubscribeMailto?: string
}

export type ResolvedConsentOptions = Required<ConsentPluginOptions>
