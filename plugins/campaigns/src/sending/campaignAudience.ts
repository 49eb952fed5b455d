import type { Payload } from 'payload'

import { relationKey, relationKeys } from '@kontorwerk/personalization'
import { audienceMembers } from '@kontorwerk/segments'

import type { Campaign } from '../documents'
import type { GateRequest } from './recipientProfiles'

import { assignVariant, WINNER } from './abTest'
import { recipientProfiles } from './recipientProfiles'

/**
 * The campaign's audience, page by page: the frozen list once sending started, else the live
 * segment, less the exclusion segments. The start (prepareCampaign) writes its records from these
 * pages and the confirmation dialog counts them, so both see the same people.
 */
export function campaignAudience(
  payload: Payload,
  campaign: Pick<Campaign, 'audience' | 'exclusions' | 'frozenAudience'>,
  at: Date,
): AsyncGenerator<string[]> {
  const audience = relationKey(campaign.frozenAudience) ?? relationKey(campaign.audience)
  if (!audience) return (async function* () {})()
  return audienceMembers(payload, audience, relationKeys(campaign.exclusions), at)
}

/** What the send-time gate is asked for one of the campaign's recipients (consent, topic, budget, priority). */
export const gateRequestOf = (campaign: Campaign, at: Date): GateRequest => ({
  at,
  campaign: String(campaign.id),
  channel: campaign.channel,
  important: Boolean(campaign.important),
  priority: campaign.priority ?? null,
  topic: relationKey(campaign.topic),
})

export type ExpectedRecipients = {
  /** Members of the audience after the exclusion segments. */
  audience: number
  /** Members the gate would turn away now, by its reason (no consent, unsubscribed, budget, bounced, erased …). */
  blocked: { count: number; reason: string }[]
  /** Members in the A/B holdout: they get nothing by design. */
  holdout: number
  /** Those who would get a mail: audience less blocked and holdout. */
  recipients: number
  /** Recipients per A/B group; the remainder that waits for the winner is `winner`. */
  variants: { count: number; variant: string }[]
}

/**
 * Who would get the campaign if it went out now: the audience as the start writes it, the A/B
 * groups as it assigns them, and the gate the sender asks before each mail (recipientProfiles with
 * the campaign's gate request). Read-only; the gate runs again at send time, so a later
 * unsubscribe still counts.
 */
export async function expectedRecipients(
  payload: Payload,
  campaign: Campaign,
  at = new Date(),
): Promise<ExpectedRecipients> {
  let audience = 0
  let holdout = 0
  const blocked = new Map<string, number>()
  const variants = new Map<string, number>()
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1)
  for await (const page of campaignAudience(payload, campaign, at)) {
    audience += page.length
    const assigned = page.map((subscriber) => ({ subscriber, ...assignVariant(campaign, subscriber) }))
    const asked = assigned.filter((entry) => !entry.holdout)
    holdout += assigned.length - asked.length
    const profiles = await recipientProfiles(
      payload,
      asked.map((entry) => entry.subscriber),
      gateRequestOf(campaign, at),
    )
    for (const entry of asked) {
      const profile = profiles.get(entry.subscriber)
      if (!profile) count(blocked, 'erased')
      else if (!profile.decision.allowed) count(blocked, profile.decision.reason)
      else count(variants, entry.variant ?? WINNER)
    }
  }
  const recipients = [...variants.values()].reduce((sum, value) => sum + value, 0)
  return {
    audience,
    blocked: [...blocked].map(([reason, value]) => ({ count: value, reason })),
    holdout,
    recipients,
    variants: [...variants].map(([variant, value]) => ({ count: value, variant })),
  }
}
