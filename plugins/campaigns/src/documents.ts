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

/** The four-eyes approval of a large send (approval/): who approved, when, for how many recipients. */
export interface Approval {
  approvedAt?: null | string
  approvedBy?: null | Relation<{ email?: string; id: DocumentId }>
  recipients?: null | number
}

/** An A/B test's last check and, once decided, the decision (the variant itself is `abWinner`). */
export interface AbDecision {
  checkedAt?: null | string
  /** Checks made so far (sending/abSchedule.ts). */
  checks?: null | number
  decidedAt?: null | string
  leader?: null | string
  method?: 'two_proportion_z_bonferroni' | null
  /** Why the rest got `abWinner`: a significant winner, or at the maximum the control or the leader. Empty while the test runs. */
  outcome?: 'control' | 'leader' | 'winner' | null
  pValue?: null | number
  reason?: 'not_significant' | 'sample_too_small' | 'significant' | null
  significant?: boolean | null
}

export interface Campaign {
  abTest?: {
    decideAfterHours?: null | number
    holdoutPercent?: null | number
    /** Without a significant winner the test runs on until this many hours after the start (≥ decideAfterHours). */
    maxTestHours?: null | number
    /** What the rest gets when the maximum is reached without a significant winner. */
    noWinnerSends?: 'control' | 'leader' | null
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
  /** The last check of the A/B test (sending/abTest.ts), written by the worker only. */
  abDecision?: AbDecision | null
  /** The variant the rest of an A/B test got: decided once, then every worker sends it. */
  abWinner?: null | string
  approval?: Approval | null
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
  /** The staff member whose save came last (an approval by them is refused). */
  lastEditedBy?: null | Relation<{ email?: string; id: DocumentId }>
  localTime?: boolean | null
  /** Send-time optimisation: each recipient at their best hour within 24 hours of `sendAt`. */
  bestTime?: boolean | null
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

export type AutomationTrigger =
  | 'birthday'
  | 'double_opt_in'
  | 'first_purchase'
  | 'segment_entry'
  | 'stage_changed'
  // Date-relative and loyalty triggers (automation/triggers/).
  | 'date_relative'
  | 'loyalty_tier'
  // Commerce triggers (issue 18, cart)
  | 'browse_abandoned'
  | 'cart_abandoned'

export interface Automation {
  /** Cart abandoned (issue 18): hours without a purchase after the cart's last change. */
  abandonHours?: null | number
  active?: boolean | null
  approval?: Approval | null
  birthdayAttribute?: null | string
  /** Browse abandoned (issue 18): views of one product within `browseWindowHours` that start it. */
  browseViews?: null | number
  browseWindowHours?: null | number
  /** Behaviour-triggered: no mail sooner than this after the trigger (default 30). */
  cooldownMinutes?: null | number
  createdAt: string
  exitOnEngagement?: boolean | null
  /** Share (0–50 %) of new enrolments that get none of its mails: the control group of its report. */
  holdoutPercent?: null | number
  id: DocumentId
  lastEditedBy?: null | Relation<{ email?: string; id: DocumentId }>
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
  // Date-relative trigger: N days before/after a date attribute or an event property, at a local hour.
  dateSource?: 'attribute' | 'event' | null
  dateAttribute?: null | string
  dateEvent?: null | string
  dateProperty?: null | string
  dateOffsetDays?: null | number
  dateDirection?: 'after' | 'before' | null
  dateHour?: null | number
  // Loyalty trigger: a tier (N orders or spend in a currency, in a period) reached or close.
  loyaltyMoment?: 'close' | 'reached' | null
  loyaltyMeasure?: 'purchases' | 'spend' | null
  loyaltyThreshold?: null | number
  loyaltyCurrency?: null | string
  loyaltyCloseWithin?: null | number
  loyaltyPeriodDays?: null | number
}
