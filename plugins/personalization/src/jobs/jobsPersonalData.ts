import type { PersonalDataContributor } from '../personalData/contributors'

type JobInput = { subscriber?: unknown; subscribers?: unknown }

const JOBS = 'payload-jobs'

/**
 * Queued background work about a subscriber (a CRM webhook of their stage change, their implicit
 * interests …): by convention a job's input names subscribers as `subscriber` or in `subscribers`.
 * Erasure deletes a job that is about them alone and takes them out of a job about several.
 * Finished jobs are deleted by Payload's queue as they complete; failed ones stay and are covered too.
 */
export const jobsPersonalData: PersonalDataContributor = {
  erase: async ({ payload, req, subscriber }) => {
    // A host without jobs (no tasks, nothing queued by the plugins) has no queue to look in.
    if (!payload.collections[JOBS as 'payload-jobs']) return { deletes: [], updates: [] }
    const id = String(subscriber.id)
    const { docs } = await payload.find({
      collection: JOBS as 'payload-jobs',
      depth: 0,
      pagination: false,
      req,
      select: { input: true },
    })
    const deletes = []
    const updates = []
    for (const job of docs) {
      const input = (job.input ?? {}) as JobInput
      if (String(input.subscriber ?? '') === id) deletes.push({ collection: JOBS, field: 'id', value: job.id })
      else if (Array.isArray(input.subscribers) && input.subscribers.map(String).includes(id)) {
        const rest = input.subscribers.filter((other) => String(other) !== id)
        if (rest.length === 0) deletes.push({ collection: JOBS, field: 'id', value: job.id })
        else updates.push({ collection: JOBS, data: { input: { ...input, subscribers: rest } }, id: String(job.id) })
      }
    }
    return { deletes, updates }
  },
  key: 'jobs',
  label: { de: 'Geplante Verarbeitungen', en: 'Scheduled processing' },
}
