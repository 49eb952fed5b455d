import type { Payload } from 'payload'

import { claimRows, idFromKey, relationKey, sql, writeAtomically } from '@kontorwerk/personalization'
import { segmentsOfMany } from '@kontorwerk/segments'

import type { Automation, Campaign } from '../documents'

import { AUTOMATION_RUNS, AUTOMATIONS, CAMPAIGN_SENDS, CAMPAIGNS } from '../defaults'
import { queueSendJob } from '../sending/continueOrFinish'
import { campaignMessageId } from '../sending/prepareCampaign'
import { campaignsOptions } from '../utilities/options'
import { sendTimesOf } from './sendTiming'

const DAY = 24 * 3600 * 1000
const BATCH = 200

/** `holdout`: enrolled in the automation's control group, which walks every step but gets no mail. */
type Run = { automation: string; createdAt: Date; holdout: boolean; id: string; step: number; subscriber: string }
type Outcome = {
  nextAt?: Date
  sends: { campaign: string; run: Run }[]
  state: 'active' | 'done' | 'exited'
  step: number
  exitReason?: string
}

/**
 * Moves every due run forward: steps run in order until a wait (the run sleeps until then), the
 * end (done) or a failed check (exited). A send step writes a pending send record for the step's
 * campaign, keyed by campaign, subscriber and run, so doing a step twice after a crash sends once;
 * the campaign's send jobs deliver it with the same gate and guarantees as any campaign. A run in
 * the automation's holdout walks the steps without writing send records.
 */
export async function advanceAutomations(payload: Payload, now = new Date()): Promise<number> {
  const { leaseSeconds } = campaignsOptions(payload)
  let advanced = 0
  for (;;) {
    const { rows } = await claimRows(payload, {
      collection: AUTOMATION_RUNS,
      fields: ['automation', 'createdAt', 'holdoutGroup', 'step', 'subscriber'],
      filter: (c) => sql`${c('state')} = 'active' and ${c('nextAt')} <= ${now.toISOString()}`,
      leaseSeconds,
      limit: BATCH,
      mongoFilter: { nextAt: { $lte: now }, state: 'active' },
      now,
    })
    if (rows.length === 0) return advanced
    const runs: Run[] = rows.map((row) => ({
      automation: String(row.automation),
      // The run started on the trigger: the cool-down counts from here.
      createdAt: new Date(row.createdAt as Date | string),
      holdout: row.holdoutGroup === 'holdout',
      id: String(row.id),
      step: Number(row.step ?? 0),
      subscriber: String(row.subscriber),
    }))
    const automations = await loadAutomations(payload, [...new Set(runs.map((run) => run.automation))])
    const outcomes = new Map<string, Outcome>()
    for (const run of runs) outcomes.set(run.id, await walk(payload, automations.get(run.automation), run, now))
    const sendTimes = await sendTimesOf(
      payload,
      [...outcomes.values()].flatMap((outcome) =>
        outcome.sends.map(({ run }) => ({ automation: automations.get(run.automation)!.automation, run })),
      ),
      now,
    )
    await write(payload, runs, outcomes, now, sendTimes)
    advanced += runs.length
  }
}

type Loaded = { automation: Automation; campaignByStep: Map<string, string> }

async function loadAutomations(payload: Payload, ids: string[]): Promise<Map<string, Loaded>> {
  const [{ docs: automations }, { docs: campaigns }] = await Promise.all([
    payload.find({
      collection: AUTOMATIONS as 'automations',
      depth: 0,
      limit: 0,
      pagination: false,
      where: { id: { in: ids.map((id) => idFromKey(payload, id)) } },
    }),
    payload.find({
      collection: CAMPAIGNS as 'campaigns',
      depth: 0,
      limit: 0,
      pagination: false,
      where: { automation: { in: ids.map((id) => idFromKey(payload, id)) } },
    }),
  ])
  return new Map(
    (automations as Automation[]).map((automation) => [
      String(automation.id),
      {
        automation,
        campaignByStep: new Map(
          (campaigns as Campaign[])
            .filter((campaign) => relationKey(campaign.automation) === String(automation.id))
            .map((campaign) => [campaign.automationStep ?? '', String(campaign.id)]),
        ),
      },
    ]),
  )
}

/** The steps a run takes now, from where it stopped. */
async function walk(payload: Payload, loaded: Loaded | undefined, run: Run, now: Date): Promise<Outcome> {
  if (!loaded || !loaded.automation.active)
    return { exitReason: 'automation inactive or deleted', sends: [], state: 'exited', step: run.step }
  const steps = loaded.automation.steps ?? []
  const sends: Outcome['sends'] = []
  for (let index = run.step; index < steps.length; index++) {
    const step = steps[index]
    if (step.type === 'wait')
      return { nextAt: new Date(now.getTime() + Number(step.days ?? 0) * DAY), sends, state: 'active', step: index + 1 }
    if (step.type === 'exit') return { sends, state: 'done', step: index + 1 }
    if (step.type === 'send') {
      const campaign = loaded.campaignByStep.get(step.id ?? '')
      // The holdout takes the same path (waits, checks, exits), so both groups leave the automation
      // alike; only its mail is left out. Without a send record nothing is delivered, and nothing
      // is held against the person's contact budget.
      if (campaign && !run.holdout) sends.push({ campaign, run })
    }
    if (step.type === 'check') {
      const segment = relationKey(step.segment)
      // A check whose segment is gone decides nothing: the run stops rather than guessing.
      if (!segment)
        return {
          exitReason: `check ${index + 1}: its segment no longer exists`,
          sends,
          state: 'exited',
          step: index + 1,
        }
      const member =
        (await segmentsOfMany(payload, [run.subscriber], [segment], now)).get(run.subscriber)?.has(segment) ?? false
      if (member !== (step.expect !== 'not_member'))
        return {
          exitReason: `check ${index + 1}: ${member ? 'member of' : 'not in'} segment ${segment}`,
          sends,
          state: 'exited',
          step: index + 1,
        }
    }
  }
  return { sends, state: 'done', step: steps.length }
}

/** `sendTimes`: a run's mails that must wait (cool-down, quiet hours) are written pending until then. */
async function write(
  payload: Payload,
  runs: Run[],
  outcomes: Map<string, Outcome>,
  now: Date,
  sendTimes: Map<string, Date>,
) {
  const sends = [...outcomes.values()].flatMap((outcome) => outcome.sends)
  await writeAtomically(payload, {
    inserts: [
      {
        collection: CAMPAIGN_SENDS,
        conflictKey: 'sendKey',
        docs: sends.map(({ campaign, run }) => ({
          attempts: 0,
          campaign: idFromKey(payload, campaign),
          eventRecorded: false,
          messageId: campaignMessageId(payload, campaign, `${run.subscriber}-${run.id}`),
          nextAttemptAt: sendTimes.get(run.id) ?? null,
          sendKey: `${campaign}:${run.subscriber}:${run.id}`,
          state: 'pending',
          subscriber: idFromKey(payload, run.subscriber),
        })),
        ignoreConflicts: true,
      },
    ],
    updates: runs.map((run) => {
      const outcome = outcomes.get(run.id)!
      const finished = outcome.state !== 'active'
      return {
        collection: AUTOMATION_RUNS,
        data: {
          claim: null,
          exitReason: outcome.exitReason ?? null,
          leaseUntil: null,
          nextAt: outcome.nextAt ?? now,
          // A finished run frees the key: the subscriber may enter this automation again.
          ...(finished && { runKey: `${run.automation}:${run.subscriber}:${run.id}` }),
          state: outcome.state,
          step: outcome.step,
        },
        id: run.id,
      }
    }),
  })
  for (const campaign of new Set(sends.map((send) => send.campaign))) await queueSendJob(payload, campaign)
}
