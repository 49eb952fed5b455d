import type { Config } from 'payload'

import {
  extendPersonalization,
  personalizationOptions,
  requireCollection,
  requirePlugins,
  withPersonalData,
} from '@kontorwerk/personalization'

import type { CampaignsPluginOptions } from './types'

import { approvalEndpoint } from './approval/approvalEndpoint'
import { lockActiveAutomation, requireApprovalToActivate } from './approval/automationActivation'
import { lockAutomationContent, lockAutomationUnpublishAndDelete } from './approval/automationContentLock'
import { withApproval } from './approval/fields'
import {
  automationConsumer,
  enrollOnDoubleOptIn,
  enrollOnStageChange,
  enrollSegmentMembers,
} from './automation/triggers'
import { abandonedCommerceConsumer } from './automation/triggers/commerceExits'
import { AutomationRuns } from './collections/AutomationRuns'
import { Automations } from './collections/Automations'
import { Campaigns } from './collections/Campaigns'
import { CampaignSends } from './collections/CampaignSends'
import { CAMPAIGN_QUEUE, resolveOptions } from './defaults'
import { campaignEndpoints } from './endpoints/campaignEndpoints'
import { campaignOperations } from './graphql/campaigns'
import { keepCampaignSegments } from './hooks/keepCampaignSegments'
import { sendsPersonalData } from './hooks/sendsPersonalData'
import { sendCampaignTask, startCampaignTask } from './jobs/tasks'
import { campaignsTranslations } from './translations'

export { stopSending } from './sending/shutdown'
export { superviseAll } from './sending/watchdog'

/** What only the actions and the worker write on a campaign: their changes are no edit that voids an approval. */
const CAMPAIGN_SYSTEM_FIELDS = [
  'status',
  'statusReason',
  'frozenAudience',
  'automation',
  'automationStep',
  'abWinner',
  'abDecision',
  'startedAt',
  'finishedAt',
]
/** Switching an automation on or off is no edit of what was approved. */
const AUTOMATION_SYSTEM_FIELDS = ['active']
export { CAMPAIGN_QUEUE }

/**
 * Campaigns (docs/plugins/campaigns.md): a newsletter sent to a frozen segment, once per subscriber, by Payload
 * jobs that any number of worker processes share; the consent gate at send time; per-recipient
 * send records that make a crash resume without duplicates or gaps; reports per campaign, variant
 * and block. Admin texts: translations/ (keys `kontorwerk-campaigns:…`), merged into the host's
 * `i18n.translations`.
 */
export const campaigns =
  (pluginOptions: CampaignsPluginOptions = {}) =>
  (config: Config): Config => {
    const options = resolveOptions(pluginOptions)
    requirePlugins(config, 'campaigns', ['personalization', 'consent', 'segments'])
    requireCollection(config, 'campaigns', options.subscribersSlug, 'subscribersSlug')
    const collections = (config.collections ?? []).map((collection) => {
      const hooks = collection.hooks ?? {}
      if (collection.slug === 'segments')
        return {
          ...collection,
          hooks: { ...hooks, beforeDelete: [keepCampaignSegments, ...(hooks.beforeDelete ?? [])] },
        }
      // Automation triggers: a confirmed double opt-in, a stage change.
      if (collection.slug === 'consent-records')
        return { ...collection, hooks: { ...hooks, afterChange: [...(hooks.afterChange ?? []), enrollOnDoubleOptIn] } }
      // An active, approved automation's newsletters and the blocks they name keep what was approved.
      if (collection.slug === 'newsletters' || collection.slug === 'content-blocks')
        return {
          ...collection,
          hooks: {
            ...hooks,
            beforeChange: [...(hooks.beforeChange ?? []), lockAutomationContent],
            beforeOperation: [...(hooks.beforeOperation ?? []), lockAutomationUnpublishAndDelete],
          },
        }
      if (collection.slug === options.subscribersSlug)
        return withPersonalData(
          { ...collection, hooks: { ...hooks, afterChange: [...(hooks.afterChange ?? []), enrollOnStageChange] } },
          sendsPersonalData,
        )
      return collection
    })
    // Four-eyes principle (issue 21): large sends and automations being switched on need a second person's approval.
    const { usersSlug } = personalizationOptions({ config })
    const campaignsWithApproval = withApproval(
      { ...Campaigns, custom: { ...Campaigns.custom, campaignsOptions: options }, endpoints: campaignEndpoints },
      usersSlug,
      CAMPAIGN_SYSTEM_FIELDS,
    )
    // An active automation's edit is refused before trackEdits would void (and audit) its approval.
    const automationHooks = Automations.hooks ?? {}
    const automationsWithApproval = withApproval(
      {
        ...Automations,
        endpoints: [...(Automations.endpoints || []), approvalEndpoint('automations')],
        hooks: {
          ...automationHooks,
          beforeChange: [...(automationHooks.beforeChange ?? []), lockActiveAutomation(AUTOMATION_SYSTEM_FIELDS)],
        },
      },
      usersSlug,
      AUTOMATION_SYSTEM_FIELDS,
      [requireApprovalToActivate],
    )
    const graphQL = config.graphQL ?? {}
    const jobs = config.jobs ?? {}
    const admin = config.admin ?? {}
    return {
      ...campaignsTranslations.mergeInto(config),
      admin: {
        ...admin,
        components: {
          ...admin.components,
          afterNavLinks: [
            ...(admin.components?.afterNavLinks ?? []),
            '@kontorwerk/campaigns/rsc#CampaignReportLink',
            '@kontorwerk/campaigns/rsc#LifecycleLink',
          ],
          views: {
            ...admin.components?.views,
            campaignReport: { Component: '@kontorwerk/campaigns/rsc#CampaignDashboard', path: '/campaign-report' },
            lifecycle: { Component: '@kontorwerk/campaigns/rsc#LifecycleDashboard', path: '/lifecycle' },
          },
        },
      },
      collections: [...collections, campaignsWithApproval, CampaignSends, automationsWithApproval, AutomationRuns],
      custom: extendPersonalization(config, {
        // A refit of the purchase model changes who is in prediction segments: their automations enrol at once.
        afterProfilesRecomputed: [enrollSegmentMembers],
        eventConsumers: [automationConsumer, abandonedCommerceConsumer],
        plugins: ['campaigns'],
      }).custom,
      graphQL: {
        ...graphQL,
        mutations: (GraphQL, payload) => ({
          ...graphQL.mutations?.(GraphQL, payload),
          ...campaignOperations(GraphQL).mutations,
        }),
        queries: (GraphQL, payload) => ({
          ...graphQL.queries?.(GraphQL, payload),
          ...campaignOperations(GraphQL).queries,
        }),
      },
      jobs: { ...jobs, tasks: [...(jobs.tasks ?? []), startCampaignTask, sendCampaignTask] },
    }
  }

// The contract with the other packages and the reference app
export { CAMPAIGN_SENDS } from './defaults'
export { campaignsTranslations } from './translations'
export type { CampaignsTranslationKey, CampaignsTranslations } from './translations'
export { campaignMessageId } from './sending/prepareCampaign'
export { campaignReport } from './reporting/campaignReport'
export { campaignsOptions } from './utilities/options'
export { composeMessage } from './sending/composeMessage'
