'use client'

/** Client components of the admin UI, referenced by path: '@kontorwerk/campaigns/client#CampaignControls'. */
export { CampaignControls } from '../components/CampaignControls'
export { ShownInControls } from '../components/ShownInControls'
