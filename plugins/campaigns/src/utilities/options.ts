import type { Payload } from 'payload'

import type { ResolvedCampaignsOptions } from '../types'

import { DEFAULT_OPTIONS } from '../defaults'

export const campaignsOptions = (payload: Payload): ResolvedCampaignsOptions => (payload.config.custom?.campaigns as ResolvedCampaignsOptions | undefined) ?? DEFAULT_OPTIONS
