const DAY = 24 * 60 * 60 * 1000

export type Frequency = 'important_only' | 'monthly' | 'weekly'

/** How often each frequency choice lets marketing through, per channel. */
export const FREQUENCY_CAPS: Record<Exclude<Frequency, 'important_only'>, { maxMessages: number; perDays: number }> = {
  monthly: { maxMessages: 1, perDays: 30 },
  weekly: { maxMessages: 1, perDays: 7 },
}

/** The system's own limit on one channel, whatever the subscriber chose (the `contact-budget` global). */
export type ChannelBudget = { perDay: number; perWeek: number }

/** At most `max` marketing messages within the `days` before a send (rolling, not calendar days). */
export type BudgetWindow = { days: number; max: number }

/** The subscriber's choice `important_only` has no count of its own: it lets only important messages through. */
export function budgetWindows(budget: ChannelBudget, frequency: Frequency | null | undefined): BudgetWindow[] {
  const windows = [
    { days: 1, max: budget.perDay },
    { days: 7, max: budget.perWeek },
  ]
  const own = frequency === 'important_only' ? null : FREQUENCY_CAPS[frequency ?? 'weekly']
  return own ? [...windows, { days: own.perDays, max: own.maxMessages }] : windows
}

/** How many of these sends fall into the `days` before `at` (at included). */
export function sentWithin(sent: (Date | string)[], days: number, at: Date): number {
  const until = at.getTime()
  const since = until - days * DAY
  return sent.filter((entry) => {
    const time = new Date(entry).getTime()
    return time > since && time <= until
  }).length
}

/**
 * Whether one more message fits every window: what was sent in it, plus the messages of higher
 * priority already waiting for this subscriber (`reserved`: they go first), stays below the limit.
 */
export function fitsBudget(sent: (Date | string)[], windows: BudgetWindow[], at: Date, reserved = 0): boolean {
  return windows.every((window) => sentWithin(sent, window.days, at) + reserved < window.max)
}
