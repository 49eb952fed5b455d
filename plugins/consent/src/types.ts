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
  /** The mailbox of the `mailto:` unsubscribe in every marketing mail's List-Unsubscribe header. */
  unsubscribeMailto?: string
}

export type ResolvedConsentOptions = Required<ConsentPluginOptions>
