/**
 * Spaces messages to at most `perMinute` (a campaign's throttle); without one, never waits.
 * The first message of a slice goes at once; the rest keep an even pace.
 */
export function throttle(perMinute: null | number | undefined): () => Promise<void> {
  if (!perMinute) return () => Promise.resolve()
  const interval = 60_000 / perMinute
  let nextAt = Date.now()
  return () => {
    const now = Date.now()
    const at = Math.max(now, nextAt)
    nextAt = at + interval
    return at > now ? new Promise((resolve) => setTimeout(resolve, at - now)) : Promise.resolve()
  }
}
