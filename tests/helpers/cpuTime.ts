/**
 * CPU time in ms the process spent on synchronous work: how long it held the event loop, without
 * what other processes on a busy test machine add to the wall clock.
 */
export function cpuMs(work: () => unknown): number {
  const before = process.cpuUsage()
  try {
    work()
  } catch {
    // The caller looks at the outcome separately; here only the time counts.
  }
  const { system, user } = process.cpuUsage(before)
  return (user + system) / 1000
}
