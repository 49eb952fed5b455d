import type { Payload } from 'payload'

import { idFromKey, perPayloadCache, readRows, writeAtomically } from '@kontorwerk/personalization'

import type { Trigger } from '../collections/Automations'
import type { Automation } from '../documents'

import { AUTOMATION_RUNS, AUTOMATIONS } from '../defaults'
import { type HoldoutGroup, holdoutGroupOf } from './holdout'

const DAY = 24 * 3600 * 1000

/** The key that keeps a subscriber in an automation at most once at a time (a finished run gets its own). */
export const activeRunKey = (automation: number | string, subscriber: string) => `${automation}:${subscriber}`

/**
 * Every automation, held per process: triggers ask on hot paths (each event batch, consent record
 * and stage change). This process's edits reload it at once (the collection's hooks), other
 * processes' within 5 s.
 */
export const automationList = perPayloadCache(
  'campaigns:automations',
  async (payload) =>
    (await payload.find({ collection: AUTOMATIONS as 'automations', depth: 0, limit: 0, pagination: false }))
      .docs as Automation[],
  5_000,
)

/** Active automations with this trigger. */
export async function automationsFor(payload: Payload, trigger: Trigger): Promise<Automation[]> {
  return (await automationList.get(payload)).filter((automation) => automation.active && automation.trigger === trigger)
}

/**
 * Starts runs for these subscribers: one row each, keyed so that someone already in this
 * automation is left alone. With `reentry`, someone whose last run started less than
 * `reentryDays` ago is left alone too (segment and birthday triggers fire again and again).
 * `occurrences` (subscriber → key) marks what a run was for (a date, a loyalty tier): the key is
 * unique among runs, so the same occurrence never starts a second run, however often it is swept.
 * With a holdout, each run records its group (automation/holdout.ts).
 */
export async function enroll(
  payload: Payload,
  automation: Automation,
  subscribers: string[],
  because: string,
  {
    now = new Date(),
    occurrences,
    reentry = false,
  }: { now?: Date; occurrences?: Map<string, string>; reentry?: boolean } = {},
): Promise<void> {
  let candidates = [...new Set(subscribers)]
  if (candidates.length === 0) return
  const holdout = (automation.holdoutPercent ?? 0) > 0
  const earlier =
    reentry || holdout
      ? await readRows(
          payload,
          AUTOMATION_RUNS,
          ['subscriber', 'createdAt', 'holdoutGroup'],
          [
            { field: 'automation', in: [idFromKey(payload, String(automation.id))] },
            { field: 'subscriber', in: candidates.map((id) => idFromKey(payload, id)) },
          ],
        )
      : []
  if (reentry) {
    const since = now.getTime() - (automation.trigger === 'birthday' ? 300 : (automation.reentryDays ?? 90)) * DAY
    const blocked = new Set(
      earlier.filter((row) => new Date(String(row.createdAt)).getTime() > since).map((row) => String(row.subscriber)),
    )
    candidates = candidates.filter((id) => !blocked.has(id))
  }
  const drawnBefore = firstGroups(earlier)
  await writeAtomically(payload, {
    inserts: [
      {
        collection: AUTOMATION_RUNS,
        conflictKey: 'runKey',
        docs: candidates.map((subscriber) => ({
          automation: idFromKey(payload, String(automation.id)),
          enteredBecause: because.slice(0, 200),
          nextAt: now,
          ...(occurrences?.has(subscriber) && { occurrenceKey: occurrences.get(subscriber) }),
          // A person keeps the group of their first enrolment, also when the share changed since (a
          // re-drawn group would put someone already mailed into the holdout); new people get the share set now.
          holdoutGroup: holdout ? (drawnBefore.get(subscriber) ?? holdoutGroupOf(automation, subscriber)) : null,
          runKey: activeRunKey(automation.id, subscriber),
          state: 'active',
          step: 0,
          subscriber: idFromKey(payload, subscriber),
        })),
        ignoreConflicts: true,
      },
    ],
  })
}

/** Each subscriber's group from their earliest run that had one. */
function firstGroups(runs: Record<string, unknown>[]): Map<string, HoldoutGroup> {
  const first = new Map<string, { at: number; group: HoldoutGroup }>()
  for (const run of runs) {
    if (run.holdoutGroup !== 'holdout' && run.holdoutGroup !== 'treated') continue
    const at = new Date(String(run.createdAt)).getTime()
    const key = String(run.subscriber)
    const known = first.get(key)
    if (!known || at < known.at) first.set(key, { at, group: run.holdoutGroup })
  }
  return new Map([...first].map(([subscriber, { group }]) => [subscriber, group]))
}
