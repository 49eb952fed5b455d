import type { Payload } from 'payload'

import type { ResolvedLeadScoringOptions } from '../types'

import { LEAD_SCORES } from '../collections/LeadScores'
import { DEFAULT_OPTIONS } from '../defaults'

/** The options the plugin was configured with, kept on its own lead-scores collection for code that only has `payload`. */
export const leadScoringOptions = (payload: Pick<Payload, 'collections'>): ResolvedLeadScoringOptions =>
  (payload.collections[LEAD_SCORES as 'lead-scores']?.config.custom?.leadScoringOptions as
    ResolvedLeadScoringOptions | undefined) ?? DEFAULT_OPTIONS
