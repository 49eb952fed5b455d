import type { Endpoint, PayloadRequest } from 'payload'

import { CodedError, requireStaff } from '@kontorwerk/personalization'

import { approvalEndpoint } from '../approval/approvalEndpoint'
import { lifecycleEndpoint } from '../lifecycle/lifecycleEndpoint'
import { campaignReport } from '../reporting/campaignReport'
import { sendTestMail, type TestSendInput } from '../sending/testSend'
import { type CampaignAction, campaignAction } from '../utilities/actions'
import { sendPlan } from '../utilities/sendPlan'
import { answer, bodyOf } from './answer'
import { bounceWebhook } from './bounceWebhook'

const action = (name: CampaignAction): Endpoint => ({
  handler: async (req) => {
    const body =
      name === 'schedule' || name === 'resume'
        ? await bodyOf<{ confirmation?: unknown; sendAt?: null | string }>(req)
        : undefined
    return answer(() =>
      campaignAction(req, String(req.routeParams?.id ?? ''), name, {
        confirmation: body?.confirmation,
        sendAt: name === 'schedule' ? body?.sendAt : undefined,
      }),
    )
  },
  method: 'post',
  path: `/:id/${name}`,
})

/** GET /api/campaigns/:id/report: the counts the dashboard shows (staff). */
const report: Endpoint = {
  handler: (req) =>
    answer(async () => {
      // Staff, or an integration key with the reports scope (read-only).
      requireStaff(req, 'reports')
      return campaignReport(req.payload, String(req.routeParams?.id ?? ''), req, { revenueAnalysis: true })
    }),
  method: 'get',
  path: '/:id/report',
}

/** GET /api/campaigns/:id/send-plan: what the send dialog shows (live recipient count, A/B plan, time), read-only. */
const plan: Endpoint = {
  handler: (req) => answer(() => sendPlan(req, String(req.routeParams?.id ?? ''))),
  method: 'get',
  path: '/:id/send-plan',
}

/** POST /api/campaigns/:id/test-send { persona | subscriber }: the mail as that reader gets it, to the caller's own address. */
const testSend: Endpoint = {
  handler: async (req) => {
    const body = await bodyOf<TestSendInput>(req)
    return answer(() => sendTestMail(req, String(req.routeParams?.id ?? ''), body))
  },
  method: 'post',
  path: '/:id/test-send',
}

/** POST /api/campaigns/:id/{schedule,pause,resume,cancel}: the campaign's actions, as the admin buttons use them. */
export const campaignEndpoints: Endpoint[] = [
  bounceWebhook,
  action('schedule'),
  action('pause'),
  action('resume'),
  action('cancel'),
  approvalEndpoint('campaigns'),
  report,
  lifecycleEndpoint,
  plan,
  testSend,
]
