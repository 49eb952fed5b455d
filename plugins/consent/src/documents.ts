/**
 * The documents this package stores or extends, as it reads them (see the core's `documents.ts` for
 * why these are not taken from a host's generated `payload-types`).
 */
import type { Subscriber as CoreSubscriber, DocumentId, Interest } from '@kontorwerk/personalization'

import type { ConsentAction, ConsentPurpose } from './utilities/consentState'

type Relation<T> = DocumentId | T

export type ConsentChannel = 'email' | 'post' | 'push' | 'sms'

export interface Topic {
  active?: boolean | null
  channels: ConsentChannel[]
  createdAt: string
  description?: null | string
  id: DocumentId
  interests?: null | Relation<Interest>[]
  name: string
  slug: string
  updatedAt: string
}

/** A subscriber with the fields this package adds to the host's subscribers collection. */
export interface Subscriber extends CoreSubscriber {
  deliverability?: { reason?: null | string; undeliverableSince?: null | string }
  preferences: {
    /** Empty: every channel with consent. */
    channels?: ConsentChannel[] | null
    frequency: 'important_only' | 'monthly' | 'weekly'
    pausedUntil?: null | string
  }
}

/** One entry of the append-only consent ledger. */
export interface ConsentRecord {
  action: ConsentAction
  channel: ConsentChannel
  createdAt: string
  id: DocumentId
  ipAddress?: null | string
  occurredAt: string
  proof?: unknown
  purpose: ConsentPurpose
  /** Links the request and the confirmation of one double opt-in. */
  requestId?: null | string
  source: 'admin' | 'api' | 'form' | 'import' | 'one_click' | 'preference_center'
  subscriber?: null | Relation<Subscriber>
  textVersion?: null | string
  topic?: null | Relation<Topic>
  updatedAt: string
  userAgent?: null | string
}
