/**
 * A row of Payload's job queue (`payload-jobs`) for a bulk write, so a job can be queued in the same
 * transaction as the data it works on; Payload's runner picks it up like one from `payload.jobs.queue`.
 */
export function queuedJob(taskSlug: string, input: Record<string, unknown>, queue = 'default') {
  return { hasError: false, input, processing: false, queue, taskSlug, totalTried: 0 }
}
