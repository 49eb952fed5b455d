import type { TaskConfig } from 'payload'

import type { Campaign } from '../documents'

import { CAMPAIGNS, SEND_CAMPAIGN_TASK, START_CAMPAIGN_TASK } from '../defaults'
import { continueOrFinish, queueSendJob, sendJobsFor } from '../sending/continueOrFinish'
import { prepareCampaign } from '../sending/prepareCampaign'
import { sendSlice } from '../sending/sendSlice'
import { keepJobAlive } from '../sending/watchdog'
import { campaignsOptions } from '../utilities/options'

/** At the scheduled time: freeze the audience, write the send records, then hand over to send jobs. */
export const startCampaignTask: TaskConfig<'campaignStart'> = {
  slug: START_CAMPAIGN_TASK,
  handler: async ({ input, job, req }) => {
    const { payload } = req
    const campaign = (await payload.findByID({
      id: input.campaign,
      collection: CAMPAIGNS as 'campaigns',
      depth: 0,
      disableErrors: true,
    })) as Campaign | null
    // Paused, cancelled or already started in between: nothing to do.
    if (campaign?.status !== 'scheduled') return { output: {} }
    const stopBeat = keepJobAlive(payload, job.id)
    try {
      if (await prepareCampaign(payload, campaign, new Date())) {
        const jobs = sendJobsFor(campaign, campaignsOptions(payload))
        for (let index = 0; index < jobs; index++) await queueSendJob(payload, String(campaign.id))
      }
    } finally {
      stopBeat()
    }
    return { output: {} }
  },
  inputSchema: [{ name: 'campaign', type: 'text', required: true }],
  retries: { attempts: 5, backoff: { delay: 5_000, type: 'exponential' } },
}

/** A slice of sending (see sendSlice), then the next job or the end of the campaign. */
export const sendCampaignTask: TaskConfig<'campaignSend'> = {
  slug: SEND_CAMPAIGN_TASK,
  handler: async ({ input, job, req }) => {
    const options = campaignsOptions(req.payload)
    const stopBeat = keepJobAlive(req.payload, job.id)
    try {
      await sendSlice(req.payload, input.campaign, options)
      await continueOrFinish(req.payload, input.campaign, options, job.id)
    } finally {
      stopBeat()
    }
    return { output: {} }
  },
  inputSchema: [{ name: 'campaign', type: 'text', required: true }],
  retries: { attempts: 10, backoff: { delay: 2_000, type: 'exponential' } },
}
