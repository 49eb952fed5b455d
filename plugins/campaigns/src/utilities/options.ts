import type { Payload } from 'payload'

import type { ResolvedCampaignsOptions } from '../types'

import { CAMPAIGNS, DEFAULT_OPTIONS } from '../defaults'

/** The options the plugin was configured with, kept on its own campaigns collection for code that only has `payload`. */
export const campaignsOptions = (payload: Pick<Payload, 'collections'>): ResolvedCampaignsOptions =>
  (payload.collections[CAMPAIGNS as 'campaigns']?.config.custom?.campaignsOptions as
    ResolvedCampaignsOptions | undefined) ?? DEFAULT_OPTIONS
