let enabled = false

/** The server runs queued jobs; tests and CLIs using the Local API do not, unless they ask. */
export const runsJobs = () => enabled

export function enableJobRunner(): void {
  enabled = true
}
