import type { Payload } from 'payload'

import { contactBudgetSettings, type ContactBudgetSettings } from '@kontorwerk/consent'
import { relationKey, sameWallClockIn, timeZoneOf } from '@kontorwerk/personalization'

import type { Trigger } from '../collections/Automations'
import type { Automation, Campaign } from '../documents'

import { AUTOMATIONS } from '../defaults'
import { zonesOf } from '../utilities/timeZones'

export const DEFAULT_COOLDOWN_MINUTES = 30

/**
 * Triggers that follow something the person did or became (a purchase, a segment entered on
 * clicks and visits, a stage reached by scoring) or a date: their mails wait out a cool-down and
 * the quiet hours. The welcome series is not among them: it answers the double opt-in the person
 * just confirmed and is expected at once.
 */
export const TIMED_TRIGGERS: readonly Trigger[] = [
  'first_purchase',
  'segment_entry',
  'stage_changed',
  'birthday',
  // Date-relative and loyalty triggers (automation/triggers/).
  'date_relative',
  'loyalty_tier',
  // Commerce reminders (automation/triggers/): behaviour, so they keep the quiet hours too.
  'cart_abandoned',
  'browse_abandoned',
]

export type QuietHours = ContactBudgetSettings['quietHours']

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))

/** The date (YYYY-MM-DD) and minute of the day an instant shows in a zone. */
export function localClock(at: Date, timeZone: string): { date: string; minutes: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
      minute: '2-digit',
      month: '2-digit',
      timeZone,
      year: 'numeric',
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  )
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) }
}

/** The instant a zone's clock shows this date and minute (via the core's wall-clock conversion, DST-exact). */
export function atLocal(date: string, minutes: number, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number)
  return sameWallClockIn(
    new Date(Date.UTC(year, month - 1, day, Math.floor(minutes / 60), minutes % 60)),
    timeZone,
    'UTC',
  )
}

/**
 * When the quiet hours around `at` end in the recipient's zone, or null when `at` is outside them.
 * Quiet hours may run over midnight (20:00–08:00); equal ends mean none.
 */
export function quietHoursEnd(at: Date, quietHours: QuietHours, timeZone: string): Date | null {
  const from = minutesOf(quietHours.from)
  const until = minutesOf(quietHours.until)
  if (from === until) return null
  const { date, minutes } = localClock(at, timeZone)
  const overMidnight = from > until
  const quiet = overMidnight ? minutes >= from || minutes < until : minutes >= from && minutes < until
  if (!quiet) return null
  if (!(overMidnight && minutes >= from)) return atLocal(date, until, timeZone)
  const [year, month, day] = date.split('-').map(Number)
  return atLocal(new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10), until, timeZone)
}

/** The earliest moment a behaviour-triggered mail may go: the cool-down after the trigger, then out of the quiet hours. */
export function earliestSend({
  cooldownMinutes,
  now,
  quietHours,
  timeZone,
  triggeredAt,
}: {
  cooldownMinutes: number
  now: Date
  quietHours: QuietHours
  timeZone: string
  triggeredAt: Date
}): Date {
  const cooled = new Date(Math.max(now.getTime(), triggeredAt.getTime() + cooldownMinutes * 60_000))
  return quietHoursEnd(cooled, quietHours, timeZone) ?? cooled
}

export const isTimed = (automation: Pick<Automation, 'trigger'>) => TIMED_TRIGGERS.includes(automation.trigger)

/**
 * How long after the behaviour a run starts by design: a cart or browse reminder starts only after
 * its hours without a purchase, which already count towards the cool-down (no extra 30 minutes).
 */
const waitedBeforeRun = (automation: Pick<Automation, 'abandonHours' | 'trigger'>): number =>
  automation.trigger === 'cart_abandoned' || automation.trigger === 'browse_abandoned'
    ? (automation.abandonHours ?? 0) * 3_600_000
    : 0

export const cooldownOf = (automation: Pick<Automation, 'cooldownMinutes'>) =>
  automation.cooldownMinutes ?? DEFAULT_COOLDOWN_MINUTES

/** The quiet hours a campaign's mails keep at send time: only an automation step with a timed trigger has them. */
export async function quietHoursFor(payload: Payload, campaign: Campaign): Promise<null | QuietHours> {
  const automationId = relationKey(campaign.automation)
  if (!automationId) return null
  const automation = (await payload
    .findByID({ id: automationId, collection: AUTOMATIONS as 'automations', depth: 0, disableErrors: true })
    .catch(() => null)) as Automation | null
  return automation && isTimed(automation) ? (await contactBudgetSettings(payload)).quietHours : null
}

type TimedRun = { createdAt: Date; id: string; subscriber: string }

/**
 * For runs of timed automations that are about to send: when their mail may go at the earliest
 * (the run started on the trigger; the recipient's zone as the profile says, see timeZoneOf).
 * Runs whose mail may go now are left out. One read of the recipients' zones per batch.
 */
export async function sendTimesOf(
  payload: Payload,
  sends: { automation: Automation; run: TimedRun }[],
  now: Date,
): Promise<Map<string, Date>> {
  const timed = sends.filter(({ automation }) => isTimed(automation))
  if (timed.length === 0) return new Map()
  const [{ quietHours }, zones] = await Promise.all([
    contactBudgetSettings(payload),
    zonesOf(payload, [...new Set(timed.map(({ run }) => run.subscriber))]),
  ])
  const times = new Map<string, Date>()
  for (const { automation, run } of timed) {
    const at = earliestRunSend(automation, run.createdAt, {
      now,
      quietHours,
      timeZone: zones.get(run.subscriber) ?? timeZoneOf({}),
    })
    if (at.getTime() > now.getTime()) times.set(run.id, at)
  }
  return times
}

/**
 * The earliest send of a timed automation's run created at `createdAt`: its cool-down (less the
 * hours a cart or browse reminder already waited before the run began), then out of the quiet hours.
 */
export function earliestRunSend(
  automation: Pick<Automation, 'abandonHours' | 'cooldownMinutes' | 'trigger'>,
  createdAt: Date,
  clock: { now: Date; quietHours: QuietHours; timeZone: string },
): Date {
  return earliestSend({
    ...clock,
    cooldownMinutes: cooldownOf(automation),
    triggeredAt: new Date(createdAt.getTime() - waitedBeforeRun(automation)),
  })
}
