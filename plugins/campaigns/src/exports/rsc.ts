/** Server components of the admin UI (views, navigation), referenced by path: '@kontorwerk/campaigns/rsc#CampaignDashboard'. */
export { CampaignDashboard } from '../components/CampaignDashboard'
export { CampaignReportLink } from '../components/CampaignReportLink'
export { LifecycleDashboard } from '../components/LifecycleDashboard'
export { LifecycleLink } from '../components/LifecycleLink'
