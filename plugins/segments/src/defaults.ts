import { withDefaults } from '@kontorwerk/personalization'

import type { ResolvedSegmentsOptions, SegmentsPluginOptions } from './types'

export const DEFAULT_OPTIONS: ResolvedSegmentsOptions = {
  rfmBands: { frequency: [2, 3, 5, 10], monetary: [50, 200, 500, 1000], recencyDays: [30, 90, 180, 365] },
  rfmWindowDays: 365,
  subscribersSlug: 'subscribers',
}

export const resolveOptions = (options: SegmentsPluginOptions): ResolvedSegmentsOptions =>
  withDefaults(DEFAULT_OPTIONS, options)

/** Collections whose slots can be reserved for segments (fields/slotSegments.ts). */
export const SLOT_COLLECTIONS = ['newsletters', 'landing-pages'] as const

/** Members per page for bulk reads (count, export, freeze): one query per page. */
export const MEMBER_PAGE_SIZE = 1000
