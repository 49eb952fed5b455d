import type { Endpoint } from 'payload'

import { CodedError, recordEvents, relationKey, requireIntakeAccess } from '@kontorwerk/personalization'

import { CAMPAIGN_SENDS } from '../defaults'
import { bounceEventId } from '../sending/sendBatch'

type Bounce = { kind?: unknown; messageId?: unknown; reason?: unknown }

const json = (status: number, body: unknown) => Response.json(body, { status })

/**
 * POST /api/campaigns/bounces {bounces: [{messageId, kind: "hard"|"soft", reason}]}: bounce reports
 * from the mail relay (its webhook or a DSN parser), matched by the Message-ID every campaign mail
 * carries. Each becomes a `bounce` event of that subscriber and campaign, so a hard one closes the
 * email gate and the campaign's report counts it. Admins and API keys only; unknown ids are listed.
 */
export const bounceWebhook: Endpoint = {
  handler: async (req) => {
    try {
      requireIntakeAccess(req)
    } catch (error) {
      if (error instanceof CodedError)
        return json(error.status, { errors: [{ code: error.code, message: error.message }] })
      throw error
    }
    const body = (await req.json?.().catch(() => null)) as { bounces?: Bounce[] } | null
    const bounces = body?.bounces
    if (!Array.isArray(bounces) || bounces.length === 0 || bounces.length > 500)
      return json(400, {
        errors: [{ message: 'Send {"bounces": [{"messageId": "<…>", "kind": "hard", "reason": "550 …"}]} (1–500)' }],
      })
    const invalid = bounces.findIndex(
      (bounce) => typeof bounce?.messageId !== 'string' || (bounce.kind !== 'hard' && bounce.kind !== 'soft'),
    )
    if (invalid >= 0)
      return json(400, {
        errors: [{ message: `bounces[${invalid}]: messageId (string) and kind ("hard" or "soft") are required` }],
      })
    const ids = [...new Set(bounces.map((bounce) => String(bounce.messageId)))]
    const { docs } = await req.payload.find({
      collection: CAMPAIGN_SENDS as 'campaign-sends',
      depth: 0,
      limit: ids.length,
      pagination: false,
      where: { messageId: { in: ids } },
    })
    const byMessage = new Map(docs.map((doc) => [doc.messageId, doc]))
    const unknown = ids.filter((id) => !byMessage.has(id))
    const events = bounces.flatMap((bounce) => {
      const send = byMessage.get(String(bounce.messageId))
      if (!send) return []
      return [
        {
          id: bounceEventId(send.sendKey, String(bounce.kind)),
          properties: {
            campaign: relationKey(send.campaign),
            kind: bounce.kind,
            message: send.messageId,
            reason: typeof bounce.reason === 'string' ? bounce.reason.slice(0, 200) : undefined,
            variant: send.variant ?? undefined,
          },
          subscriber: relationKey(send.subscriber),
          type: 'bounce',
        },
      ]
    })
    const result = events.length
      ? await recordEvents(req.payload, events, { partial: true, source: 'bounce-webhook' })
      : { accepted: 0, duplicates: 0 }
    return json(200, { accepted: result.accepted, duplicates: result.duplicates, unknown })
  },
  method: 'post',
  path: '/bounces',
}
