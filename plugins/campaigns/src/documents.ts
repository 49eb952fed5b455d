/**
 * The documents this package stores, as it reads them (see the core's `documents.ts` for why these are
 * not taken from a host's generated `payload-types`). Subscribers come with the consent plugin's fields.
 */
import type { Topic } from '@kontorwerk/consent'
import type { ContentBlock, DocumentId, LifecycleStage, Newsletter } from '@kontorwerk/personalization'

export type { ConsentRecord, Subscriber } from '@kontorwerk/consent'
export type { Newsletter } from '@kontorwerk/personalization'

type Relation<T> = DocumentId | T
type SegmentRelation = DocumentId | { id: DocumentId }

export type CampaignStatus = 'cancelled' | 'done' | 'draft' | 'paused' | 'scheduled' | 'sending'

export interface Campaign {
  abTest?: {
    decideAfterHours?: null | number
    holdoutPercent?: null | number
    /** Shares + holdout ≤ 100 %; the rest gets the winning variant after the waiting time. */
    variants?:
      | {
          block?: null | Relation<ContentBlock>
          id?: null | string
          key: string
          share: number
          slot?: null | string
          subject?: null | string
        }[]
      | null
    winnerMetric?: 'conversion_rate' | 'unique_click_rate' | null
  }
  abWinner?: null | string
  audience?: null | SegmentRelation
  /** An automation step's sending: runs while the automation is active. */
  automation?: null | Relation<Automation>
  automationStep?: null | string
  channel: 'email' | 'push' | 'sms'
  createdAt: string
  exclusions?: null | SegmentRelation[]
  finishedAt?: null | string
  frozenAudience?: null | SegmentRelation
  id: DocumentId
  important?: boolean | null
  localTime?: boolean | null
  name: string
  newsletter: Relation<Newsletter>
  /** Who goes first when a person's contact budget cannot take everything planned. */
  priority?: 'high' | 'low' | 'normal' | null
  sendAt?: null | string
  startedAt?: null | string
  status: CampaignStatus
  statusReason?: null | string
  throttlePerMinute?: null | number
  topic?: null | Relation<Topic>
  updatedAt: string
}

export type AutomationTrigger = 'birthday' | 'double_opt_in' | 'first_purchase' | 'segment_entry' | 'stage_changed'

export interface Automation {
  active?: boolean | null
  birthdayAttribute?: null | string
  /** Behaviour-triggered: no mail sooner than this after the trigger (default 30). */
  cooldownMinutes?: null | number
  createdAt: string
  exitOnEngagement?: boolean | null
  id: DocumentId
  name: string
  priority?: 'high' | 'low' | 'normal' | null
  reentryDays?: null | number
  segment?: null | SegmentRelation
  stage?: null | Relation<LifecycleStage>
  steps?:
    | {
        days?: null | number
        expect?: 'member' | 'not_member' | null
        id?: null | string
        newsletter?: null | Relation<Newsletter>
        segment?: null | SegmentRelation
        type: 'check' | 'exit' | 'send' | 'wait'
      }[]
    | null
  topic?: null | Relation<Topic>
  trigger: AutomationTrigger
  updatedAt: string
}
