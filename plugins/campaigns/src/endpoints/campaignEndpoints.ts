import type { Endpoint } from 'payload'

import { CodedError } from '@kontorwerk/personalization'

import { campaignReport } from '../reporting/campaignReport'
import { type CampaignAction, campaignAction } from '../utilities/actions'
import { bounceWebhook } from './bounceWebhook'

const json = (status: number, body: unknown) => Response.json(body, { status })

const answer = async (run: () => Promise<unknown>) => {
  try {
    return json(200, await run())
  } catch (error) {
    if (error instanceof CodedError)
      return json(error.status, {
        errors: [
          { code: error.code, message: error.message, ...(error.data?.details ? { details: error.data.details } : {}) },
        ],
      })
    throw error
  }
}

const action = (name: CampaignAction): Endpoint => ({
  handler: async (req) => {
    const body =
      name === 'schedule'
        ? ((await req.json?.().catch(() => ({}))) as { sendAt?: null | string } | undefined)
        : undefined
    return answer(() => campaignAction(req, String(req.routeParams?.id ?? ''), name, { sendAt: body?.sendAt }))
  },
  method: 'post',
  path: `/:id/${name}`,
})

/** GET /api/campaigns/:id/report: the counts the dashboard shows (staff). */
const report: Endpoint = {
  handler: (req) =>
    answer(async () => {
      if (!req.user) throw new CodedError('UNAUTHENTICATED', 'Log in first')
      return campaignReport(req.payload, String(req.routeParams?.id ?? ''), req)
    }),
  method: 'get',
  path: '/:id/report',
}

/** POST /api/campaigns/:id/{schedule,pause,resume,cancel}: the campaign's actions, as the admin buttons use them. */
export const campaignEndpoints: Endpoint[] = [
  bounceWebhook,
  action('schedule'),
  action('pause'),
  action('resume'),
  action('cancel'),
  report,
]
