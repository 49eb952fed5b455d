import type { Payload } from 'payload'

import type { Automation } from '../../documents'

import { AUTOMATION_RUNS } from '../../defaults'
import { enroll } from '../enroll'

/**
 * A cart or browse is due for a day after its hours: one found later (the automation switched on
 * afterwards, a server down for days) is too old for a reminder.
 */
export const DUE_FOR_HOURS = 24

/**
 * Starts the automation for each subscriber and reason unless a run of it was ever started for
 * that reason (`enteredBecause`, e.g. "abandoned cart <event id>"): once per cart or browse, whatever
 * became of that run. Someone still in the automation for an earlier reason is left alone by
 * `enroll` and enters on a later round, once that run has ended.
 */
export async function enrollOncePerReason(
  payload: Payload,
  automation: Automation,
  due: { because: string; subscriber: string }[],
  now: Date,
): Promise<void> {
  if (due.length === 0) return
  const { docs: entered } = await payload.find({
    collection: AUTOMATION_RUNS as 'automation-runs',
    depth: 0,
    limit: 0,
    pagination: false,
    select: { enteredBecause: true },
    where: { automation: { equals: automation.id }, enteredBecause: { in: due.map((entry) => entry.because) } },
  })
  const handled = new Set(entered.map((run) => run.enteredBecause))
  for (const { because, subscriber } of due)
    if (!handled.has(because)) await enroll(payload, automation, [subscriber], because, { now })
}
