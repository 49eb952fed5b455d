import type { Payload } from 'payload'

import { CodedError, recipientRenderer, recordEvents, timeZoneOf, writeAtomically } from '@kontorwerk/personalization'

import type { QuietHours } from '../automation/sendTiming'
import type { Campaign, Newsletter } from '../documents'
import type { ResolvedCampaignsOptions } from '../types'
import type { ClaimedRecipient } from './sendRecords'
import type { SmtpLanes } from './smtpLanes'

import { quietHoursEnd } from '../automation/sendTiming'
import { CAMPAIGN_SENDS, SENT_EVENT_PREFIX } from '../defaults'
import { variantsOf, WINNER, winnerOf } from './abTest'
import { AcceptanceLog } from './acceptanceLog'
import { gateRequestOf } from './campaignAudience'
import { composeMessage, type OutgoingMessage } from './composeMessage'
import { GroupCommit } from './groupCommit'
import { recipientProfiles } from './recipientProfiles'
import { markSent, postponeWaiting, settle } from './sendRecords'

/** The `email_sent` event of one campaign mail: one id per send record, so writing it again is a no-op. */
export const sentEventId = (sendKey: string) => `${SENT_EVENT_PREFIX}${sendKey}`

/** The `bounce` event of one send record and kind, the same from the SMTP answer and from the relay's webhook. */
export const bounceEventId = (sendKey: string, kind: string) => `campaign-bounce:${sendKey}:${kind}`

/** A problem with the campaign itself (not one recipient): the worker pauses it with this reason. */
export class CampaignProblem extends Error {}

export type BatchContext = {
  campaign: Campaign
  lanes: SmtpLanes
  newsletter: Newsletter
  options: ResolvedCampaignsOptions
  payload: Payload
  /** An automation step with a timed trigger: its mails wait out the recipient's quiet hours (see sendTiming). */
  quietHours?: null | QuietHours
  renderer: Awaited<ReturnType<typeof recipientRenderer>>
  /** Waits for the campaign's throttle, if any, before each message. */
  throttle: () => Promise<void>
}

type Accepted = { blocks: string[]; recipient: ClaimedRecipient; sentAt: Date }
/** `from`: the state the record is in now (`sent` when the server refused after the commit). */
type Retry = { attempts: number; from: 'pending' | 'sent'; recipient: ClaimedRecipient; response: string }
type Failure = { bounce: boolean; from: 'pending' | 'sent'; recipient: ClaimedRecipient; response: string }
/** Not now (quiet hours): back to the pool until then, no attempt counted. */
type Deferral = { recipient: ClaimedRecipient; until: Date }

/**
 * One claimed batch: the gate at send time for each recipient, then render, compose and deliver
 * through the SMTP lanes, several at once; then every outcome is written. Returns how many left.
 */
export async function sendBatch(context: BatchContext, claim: string, recipients: ClaimedRecipient[]): Promise<number> {
  const { campaign, lanes, options, payload, renderer } = context
  const campaignId = String(campaign.id)
  // Consent records written from now on make the commit drop the message (see commitSent).
  const now = new Date()
  // The rest of an A/B test gets the winner once one is decided; until then it waits for the next check.
  const decision = recipients.some((recipient) => recipient.variant === WINNER)
    ? await winnerOf(payload, campaign, now)
    : null
  const winner = decision && 'winner' in decision ? decision.winner : null
  const waitUntil = decision && 'waitUntil' in decision ? decision.waitUntil : null
  // The others of the rest, unclaimed, wait too: the next batches need not claim them only to put them back.
  if (waitUntil) await postponeWaiting(payload, campaignId, WINNER, waitUntil, now)
  const deferred: Deferral[] = waitUntil
    ? recipients
        .filter((recipient) => recipient.variant === WINNER)
        .map((recipient) => ({ recipient, until: waitUntil }))
    : []
  const due = waitUntil ? recipients.filter((recipient) => recipient.variant !== WINNER) : recipients
  const ids = due.map((recipient) => recipient.subscriber)
  const profiles = await recipientProfiles(payload, ids, gateRequestOf(campaign, now))
  const memberships = await renderer.memberships(ids, now)
  const histories = await renderer.histories(ids, now)

  const skipped = new Map<string, string[]>()
  const skip = (reason: string, recipient: ClaimedRecipient) =>
    skipped.set(reason, [...(skipped.get(reason) ?? []), recipient.id])
  const queue: ClaimedRecipient[] = []
  for (const recipient of due) {
    const profile = profiles.get(recipient.subscriber)
    const quietUntil =
      profile && context.quietHours ? quietHoursEnd(now, context.quietHours, timeZoneOf(profile.subscriber)) : null
    if (!profile) skip('erased', recipient)
    else if (quietUntil) deferred.push({ recipient, until: quietUntil })
    else if (!profile.decision.allowed) skip(profile.decision.reason, recipient)
    else queue.push(recipient)
  }

  // The commit reserves each message's share of its subscriber's contact budget (see markSent).
  const budget = {
    campaign: campaignId,
    channel: campaign.channel,
    priority: campaign.priority ?? null,
    records: new Map(
      queue.map((recipient) => [
        recipient.id,
        { subscriber: recipient.subscriber, windows: profiles.get(recipient.subscriber)!.budget },
      ]),
    ),
  }
  const commits = new GroupCommit((committing) =>
    markSent(payload, claim, committing, { budget, gateReadAt: now, sentAt: new Date() }),
  )
  const accepted: Accepted[] = []
  const acceptances = new AcceptanceLog<Accepted>(
    (entries) => recordAcceptances(payload, entries),
    (error) => payload.logger.warn({ err: error, msg: 'Recording SMTP acceptances failed; retried after the batch' }),
  )
  const retries: Retry[] = []
  const failed: Failure[] = []
  const untouched: ClaimedRecipient[] = []
  let stop: Error | null = null

  // All CPU work (ranking, Liquid, MIME) first: while messages are in flight the process only does
  // I/O, so nothing delays a released message's final dot (see markSent).
  const variants = new Map(variantsOf(campaign).map((variant) => [variant.key, variant]))
  const variantFor = (recipient: ClaimedRecipient) =>
    variants.get(recipient.variant === WINNER ? (winner ?? '') : (recipient.variant ?? '')) ?? null
  const prepared: { blocks: string[]; message: OutgoingMessage; recipient: ClaimedRecipient }[] = []
  for (const recipient of queue) {
    const profile = profiles.get(recipient.subscriber)!
    try {
      const rendered = await renderer.render(
        {
          behaviour: histories.get(recipient.subscriber),
          recentBlocks: profile.recentBlocks,
          segments: memberships.get(recipient.subscriber) ?? new Set(),
          subscriber: profile.subscriber,
        },
        variantFor(recipient),
      )
      const message = await composeMessage(
        payload,
        rendered,
        {
          email: profile.subscriber.email,
          id: recipient.subscriber,
          linkKey: profile.subscriber.linkKey,
          trackable: profile.trackable,
        },
        { campaign: campaignId, messageId: recipient.messageId, variant: recipient.variant },
      )
      prepared.push({ blocks: rendered.blocks, message, recipient })
    } catch (error) {
      stop =
        error instanceof CodedError && error.code === 'FAILED_PRECONDITION'
          ? new CampaignProblem(error.message)
          : (error as Error)
      untouched.push(...queue.slice(queue.indexOf(recipient)))
      break
    }
  }

  const deliverOne = async ({ blocks, message, recipient }: (typeof prepared)[number]) => {
    await context.throttle()
    const sentAt = new Date()
    const outcome = await lanes.deliver(message, (release) => commits.commit(recipient.id, release))
    if (outcome.kind === 'accepted') {
      accepted.push({ blocks, recipient, sentAt })
      acceptances.add(accepted[accepted.length - 1])
    } else if (outcome.kind === 'refused') {
      const from = outcome.committed ? 'sent' : 'pending'
      // Only a refused recipient is a hard bounce; a refused sender or message is not the address's fault.
      if (outcome.permanent)
        failed.push({ bounce: /RCPT/i.test(outcome.command), from, recipient, response: outcome.response })
      else retries.push({ attempts: recipient.attempts + 1, from, recipient, response: outcome.response })
    } else if (outcome.kind === 'uncertain' && outcome.rejected) {
      if (outcome.permanent) failed.push({ bounce: false, from: 'sent', recipient, response: outcome.response })
      else retries.push({ attempts: recipient.attempts + 1, from: 'sent', recipient, response: outcome.response })
    }
    // Not committed: another worker holds it now, or the ledger changed; back to the pool either way (a no-op if the claim moved on).
    else if (outcome.kind === 'not_committed') untouched.push(recipient)
    // uncertain without an answer: handed over, the record stays sent.
  }

  let next = 0
  const lane = async () => {
    while (next < prepared.length) {
      const entry = prepared[next++]
      if (stop) {
        untouched.push(entry.recipient)
        continue
      }
      try {
        await deliverOne(entry)
      } catch (error) {
        stop ??= error as Error
        untouched.push(entry.recipient)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, options.smtpConnections) }, lane))

  await recordAcceptances(payload, await acceptances.rest())
  await writeOutcomes(context, claim, { accepted, deferred, failed, retries, skipped, untouched })
  // SmtpUnavailableError and CampaignProblem pause the campaign; anything else fails the job, which retries.
  if (stop) throw stop
  return accepted.length
}

/** The server took these messages: `acceptedAt` is what the report counts as delivered. */
async function recordAcceptances(payload: Payload, accepted: Accepted[]) {
  if (accepted.length === 0) return
  await writeAtomically(payload, {
    // `state` again: should a COMMIT have failed after its message went out, the record still tells the truth.
    updates: accepted.map(({ blocks, recipient, sentAt }) => ({
      collection: CAMPAIGN_SENDS,
      data: { acceptedAt: new Date(), blocks, sentAt, state: 'sent' },
      id: recipient.id,
    })),
  })
}

type Outcomes = {
  accepted: Accepted[]
  deferred: Deferral[]
  failed: Failure[]
  retries: Retry[]
  skipped: Map<string, string[]>
  untouched: ClaimedRecipient[]
}

/** Outcomes go to the send records (conditional on the claim), then the events scoring and reports read. */
async function writeOutcomes(
  { campaign, newsletter, options, payload }: BatchContext,
  claim: string,
  outcomes: Outcomes,
) {
  const campaignId = String(campaign.id)
  for (const [reason, ids] of outcomes.skipped) await settle(payload, claim, ids, { reason, state: 'skipped' })
  // One write per time: the waiting rest of an A/B test all waits for the same next check.
  const byTime = new Map<number, string[]>()
  for (const { recipient, until } of outcomes.deferred)
    byTime.set(until.getTime(), [...(byTime.get(until.getTime()) ?? []), recipient.id])
  for (const [until, ids] of byTime)
    await settle(payload, claim, ids, { leaseUntil: null, nextAttemptAt: new Date(until), state: 'pending' })
  // Not tried (the batch stopped): back to the pool at once, no attempt counted.
  await settle(
    payload,
    claim,
    outcomes.untouched.map((recipient) => recipient.id),
    { leaseUntil: null, state: 'pending' },
  )
  for (const from of ['pending', 'sent'] as const) {
    const due = outcomes.retries.filter((retry) => retry.from === from)
    for (const retry of due) {
      if (retry.attempts >= options.maxAttempts) {
        outcomes.failed.push({
          bounce: false,
          from,
          recipient: retry.recipient,
          response: `${retry.response} (after ${retry.attempts} attempts)`,
        })
        continue
      }
      const delay = options.retryDelaySeconds * 1000 * 2 ** (retry.attempts - 1)
      await settle(
        payload,
        claim,
        [retry.recipient.id],
        {
          attempts: retry.attempts,
          leaseUntil: null,
          nextAttemptAt: new Date(Date.now() + delay),
          reason: retry.response,
          state: 'pending',
        },
        from,
      )
    }
    for (const failure of outcomes.failed.filter((entry) => entry.from === from)) {
      await settle(
        payload,
        claim,
        [failure.recipient.id],
        { reason: failure.response.slice(0, 500), state: 'failed' },
        from,
      )
    }
  }
  const events = [
    ...outcomes.accepted.map(({ blocks, recipient, sentAt }) => ({
      id: sentEventId(recipient.sendKey),
      occurredAt: sentAt.toISOString(),
      properties: {
        blocks,
        campaign: campaignId,
        channel: campaign.channel,
        message: recipient.messageId,
        newsletter: String(newsletter.id),
        variant: recipient.variant ?? undefined,
      },
      subscriber: recipient.subscriber,
      type: 'email_sent',
    })),
    // The server refused the address for good: a hard bounce, which closes the email gate for it.
    ...outcomes.failed
      .filter((failure) => failure.bounce)
      .map(({ recipient, response }) => ({
        id: bounceEventId(recipient.sendKey, 'hard'),
        properties: {
          campaign: campaignId,
          kind: 'hard',
          message: recipient.messageId,
          reason: response.slice(0, 200),
          variant: recipient.variant ?? undefined,
        },
        subscriber: recipient.subscriber,
        type: 'bounce',
      })),
  ]
  if (events.length) await recordEvents(payload, events, { partial: true, source: 'campaign' })
  // Only now: a crash before this leaves the records for finishCampaign to write their events.
  if (outcomes.accepted.length)
    await writeAtomically(payload, {
      updates: outcomes.accepted.map(({ recipient }) => ({
        collection: CAMPAIGN_SENDS,
        data: { eventRecorded: true },
        id: recipient.id,
      })),
    })
}
