/** Test helpers for hosts and the reference app: scheduling a campaign as staff and running its send jobs in-process. */
export { runCampaignJobs, scheduleCampaign, staffRequest } from '../testing/runCampaign'
