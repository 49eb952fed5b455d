import type { Payload } from 'payload'

import {
  idFromKey,
  PLANNING_TIME_ZONE,
  relationKey,
  sameWallClockIn,
  writeAtomically,
} from '@kontorwerk/personalization'
import { freezeSegment } from '@kontorwerk/segments'

import type { Campaign } from '../documents'

import { CAMPAIGN_SENDS } from '../defaults'
import { moveCampaign, pauseWithReason, setCampaignStatus } from '../utilities/campaignStatus'
import { campaignsOptions } from '../utilities/options'
import { readinessProblems } from '../utilities/readiness'
import { zonesOf } from '../utilities/timeZones'
import { abCheckTimes } from './abSchedule'
import { assignVariant } from './abTest'
import { bestSendTimes, populationHours } from './bestSendTimes'
import { campaignAudience } from './campaignAudience'

/** The Message-ID of one campaign mail: the same on every attempt, so bounces and reports find their record. */
export const campaignMessageId = (payload: Pick<Payload, 'collections'>, campaign: string, subscriber: string) =>
  `<campaign-${campaign}.${subscriber}@${campaignsOptions(payload).from.address.split('@')[1] ?? 'localhost'}>`

/**
 * Starts a scheduled campaign: checks it again, freezes the audience to a static list (so later
 * changes to the segment do not move the recipient set), takes out the exclusions and writes one
 * pending send record per recipient, in its A/B group (the holdout's records say so and stay unsent). Safe to repeat after a crash: the frozen list is reused and
 * records that exist are kept (unique per campaign and subscriber). Returns whether sending can begin.
 */
export async function prepareCampaign(
  payload: Payload,
  campaign: Campaign,
  now = new Date(),
  heartbeat: () => Promise<void> = async () => {},
): Promise<boolean> {
  const id = String(campaign.id)
  const problems = await readinessProblems(payload, campaign)
  // Once recipients are written the audience is fixed: a segment deleted later does not stop the send.
  const started = campaign.frozenAudience != null
  const blocking = problems.filter((problem) => !(started && problem.code === 'AUDIENCE_MISSING'))
  if (blocking.length) {
    await pauseWithReason(payload, id, blocking.map((problem) => problem.message).join('; '))
    return false
  }
  let frozen = relationKey(campaign.frozenAudience)
  if (!frozen) {
    frozen = (
      await freezeSegment(payload, relationKey(campaign.audience)!, {
        at: now,
        name: `${campaign.name}: Empfänger ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      })
    ).id
    await setCampaignStatus(payload, id, { frozenAudience: idFromKey(payload, frozen) })
  }
  let recipients = 0
  const planned = campaign.sendAt ? new Date(campaign.sendAt) : now
  // Send-time optimisation: the population's reading hours, once per campaign, the prior of everyone's.
  const population = campaign.bestTime ? await populationHours(payload, now, PLANNING_TIME_ZONE) : null
  // The rest of an A/B test first becomes due at the test's first check (sending/abTest.ts winnerOf).
  const decisionAt = abCheckTimes(campaign.abTest ?? {}, now)[0]
  for await (const page of campaignAudience(payload, { ...campaign, frozenAudience: frozen }, now)) {
    // Paused or cancelled meanwhile: stop writing; a resume starts over (what exists is kept).
    if (!(await stillScheduled(payload, id))) return false
    recipients += page.length
    const localAt = population
      ? await bestSendTimes(payload, page, planned, population, now)
      : campaign.localTime
        ? await localSendTimes(payload, page, planned)
        : null
    await writeAtomically(payload, {
      inserts: [
        {
          collection: CAMPAIGN_SENDS,
          conflictKey: 'sendKey',
          docs: page.map((subscriber) => {
            const { holdout, variant, waits } = assignVariant(campaign, subscriber)
            return {
              attempts: 0,
              campaign: idFromKey(payload, id),
              eventRecorded: false,
              messageId: campaignMessageId(payload, id, subscriber),
              // Not before the recipient's local send time; the remainder of an A/B test waits for the winner.
              nextAttemptAt: latest(localAt?.get(subscriber), waits ? decisionAt : null, now),
              reason: holdout ? 'holdout' : null,
              sendKey: `${id}:${subscriber}`,
              state: holdout ? 'skipped' : 'pending',
              subscriber: idFromKey(payload, subscriber),
              variant,
            }
          }),
          ignoreConflicts: true,
        },
      ],
    })
    await heartbeat()
  }
  if (recipients === 0) {
    await pauseWithReason(payload, id, 'The audience is empty (after exclusions): nobody would get this campaign')
    return false
  }
  return moveCampaign(payload, id, ['scheduled'], { startedAt: now, status: 'sending' })
}

/** When each recipient's clock shows the planned time (see sameWallClockIn). */
async function localSendTimes(payload: Payload, subscribers: string[], planned: Date): Promise<Map<string, Date>> {
  const zones = await zonesOf(payload, subscribers)
  return new Map([...zones].map(([id, zone]) => [id, sameWallClockIn(planned, zone)]))
}

/** The latest of the times given, or null when none lies after `now`. */
function latest(a: Date | null | undefined, b: Date | null, now: Date): Date | null {
  const times = [a, b].filter((time): time is Date => time != null && time.getTime() > now.getTime())
  return times.length ? new Date(Math.max(...times.map((time) => time.getTime()))) : null
}

async function stillScheduled(payload: Payload, id: string) {
  const campaign = await payload.findByID({
    id,
    collection: 'campaigns',
    depth: 0,
    disableErrors: true,
    select: { status: true },
  })
  return campaign?.status === 'scheduled'
}
