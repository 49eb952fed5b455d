import type { DiffOptions } from './diff'

/** How one collection or global is audited. */
export type AuditedResource = DiffOptions & {
  /**
   * Show the document's title (its `useAsTitle`) in the log. Off for collections of people
   * outside the staff: a subscriber's title is their email address.
   * @default true, false when hideValues is true
   */
  title?: boolean
}

/** Options of `auditLog()`: what is audited, by slug. */
export type AuditLogOptions = {
  /**
   * Audited collections by slug, with their noisy or secret fields. A slug the config does not
   * have stops the config (a typo would silently audit nothing).
   * @default the product's content, targeting, sending and settings collections (DEFAULT_AUDITED.collections), those present
   */
  collections?: Record<string, AuditedResource | true>
  /** Audited globals by slug. @default DEFAULT_AUDITED.globals, those present */
  globals?: Record<string, AuditedResource | true>
}

/** The auth fields of a user no log may show: secrets by name only, bookkeeping of logins not at all. */
const STAFF_ACCOUNT: AuditedResource = {
  exclude: [
    'hash',
    'salt',
    'apiKeyIndex',
    'sessions',
    'loginAttempts',
    'lockUntil',
    'resetPasswordToken',
    'resetPasswordExpiration',
    '_verificationToken',
  ],
  hideValues: ['apiKey', 'password'],
}

/**
 * What the product audits unless told otherwise (issue 21): content, targeting, sending, scoring
 * and stage rules, consent settings, subscriber imports (who uploaded what, its settings and
 * status), users and roles. Subscribers are logged by field name only,
 * so no personal data is copied into the log. Fields written by the system (member counts,
 * recompute progress) are left out, so they never make entries of their own.
 */
export const DEFAULT_AUDITED = {
  collections: {
    automations: true,
    campaigns: true,
    'content-blocks': true,
    interests: true,
    'landing-pages': true,
    'lifecycle-stages': true,
    newsletters: true,
    personas: true,
    'scoring-rules': true,
    // A rule's value may name a person (an email domain, an attribute's value): its field and operator are logged, the value is not.
    segments: { exclude: ['memberCount'], maskValues: ['rules.**.value'] },
    'stage-rules': true,
    // The per-row lists and detected columns are written by the system and name people: left out.
    'subscriber-imports': { exclude: ['dryRun', 'result', 'detected'] },
    subscribers: { hideValues: true },
    topics: true,
    users: STAFF_ACCOUNT,
    // Where personal data goes (issue 21, outgoing webhooks): who pointed a webhook where; the secret by name only.
    webhooks: { hideValues: ['secret'] },
  },
  globals: {
    branding: true,
    'contact-budget': true,
    'lead-scoring-settings': { exclude: ['recompute'], hideValues: ['stageWebhookSecret'] },
  },
} satisfies Required<AuditLogOptions>

/** The staff accounts' secrets are hidden whatever a host configures for its users collection. */
export const staffAccountDefaults = STAFF_ACCOUNT
