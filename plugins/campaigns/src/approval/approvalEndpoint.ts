import type { Endpoint } from 'payload'

import { answer, bodyOf } from '../endpoints/answer'
import { approveAutomation, approveCampaign } from './approve'

/**
 * POST /api/{campaigns,automations}/:id/approve { confirmation: { recipients } }: a second
 * person's approval of a large send, with the recipient count they saw.
 */
export const approvalEndpoint = (resource: 'automations' | 'campaigns'): Endpoint => ({
  handler: async (req) => {
    const { confirmation } = await bodyOf<{ confirmation?: unknown }>(req)
    const approve = resource === 'campaigns' ? approveCampaign : approveAutomation
    return answer(() => approve(req, String(req.routeParams?.id ?? ''), confirmation))
  },
  method: 'post',
  path: '/:id/approve',
})
