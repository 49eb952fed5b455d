/**
 * Spaces messages to at most `perMinute` (a campaign's throttle); without one, never waits.
 * `lastSentAt` (the campaign's latest send) carries the pace over from the previous job.
 */
export function throttle(perMinute: null | number | undefined, lastSentAt: Date | null = null): () => Promise<void> {
  if (!perMinute) return () => Promise.resolve()
  const interval = 60_000 / perMinute
  let nextAt = lastSentAt ? lastSentAt.getTime() + interval : Date.now()
  return () => {
    const now = Date.now()
    const at = Math.max(now, nextAt)
    nextAt = at + interval
    return at > now ? new Promise((resolve) => setTimeout(resolve, at - now)) : Promise.resolve()
  }
}
