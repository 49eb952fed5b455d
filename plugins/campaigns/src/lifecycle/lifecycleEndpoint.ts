import type { Endpoint } from 'payload'

import { CodedError, requireStaff } from '@kontorwerk/personalization'

import { answer } from '../endpoints/answer'
import { DEFAULT_WEEKS, lifecycleReport, MAX_WEEKS } from './lifecycleReport'

/**
 * GET /api/campaigns/lifecycle?weeks=12: the lifecycle dashboard's numbers (staff, and integration keys
 * with the `reports` scope, as the campaign report). Counts and sums only, no person; `locale` picks
 * the stage labels' language.
 */
export const lifecycleEndpoint: Endpoint = {
  handler: (req) =>
    answer(async () => {
      requireStaff(req, 'reports')
      const asked = req.searchParams.get('weeks')
      const weeks = asked === null || asked === '' ? DEFAULT_WEEKS : Number(asked)
      if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_WEEKS)
        throw new CodedError('BAD_USER_INPUT', `weeks: a whole number from 1 to ${MAX_WEEKS}`)
      return lifecycleReport(req.payload, { locale: req.locale ?? undefined, req, weeks })
    }),
  method: 'get',
  path: '/lifecycle',
}
