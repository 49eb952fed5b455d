/** Test helpers for hosts and the reference app: a campaign world with demo data and a real SMTP server, and running the send jobs in-process. */
export type { CampaignWorld } from '../testing/campaignWorld'
export { runCampaignJobs, scheduleCampaign, staffRequest } from '../testing/runCampaign'
export { startCampaignWorld } from '../testing/campaignWorld'
