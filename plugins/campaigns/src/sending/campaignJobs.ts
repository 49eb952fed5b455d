import type { Payload } from 'payload'

import { SEND_CAMPAIGN_TASK, START_CAMPAIGN_TASK } from '../defaults'

export type CampaignJob = {
  completedAt?: null | string
  hasError?: boolean | null
  id: number | string
  input?: unknown
  processing?: boolean | null
  taskSlug?: null | string
  updatedAt: string
}

/** The campaign a campaign job works for. */
export const campaignOf = (job: Pick<CampaignJob, 'input'>) =>
  String((job.input as { campaign?: unknown } | null)?.campaign)

/** The campaign jobs not finished and not failed (waiting, due or running), oldest first. */
export async function openCampaignJobs(payload: Payload, task?: string): Promise<CampaignJob[]> {
  const { docs } = await payload.find({
    collection: 'payload-jobs',
    depth: 0,
    limit: 0,
    pagination: false,
    sort: 'createdAt',
    where: {
      completedAt: { exists: false },
      hasError: { not_equals: true },
      taskSlug: task ? { equals: task } : { in: [SEND_CAMPAIGN_TASK, START_CAMPAIGN_TASK] },
    },
  })
  return docs as CampaignJob[]
}
