import type { Payload, PayloadRequest } from 'payload'

import type { CampaignStatus } from '../collections/Campaigns'

import { CAMPAIGNS } from '../defaults'
import { CAMPAIGN_ACTION } from '../hooks/lockOnceScheduled'

type StatusChange = { abWinner?: string; finishedAt?: Date; frozenAudience?: number | string; sendAt?: string; startedAt?: Date; status?: CampaignStatus; statusReason?: null | string }

/** The only writer of a campaign's status (actions and the worker). */
export async function setCampaignStatus(payload: Payload, id: number | string, change: StatusChange, req?: PayloadRequest) {
  const data = { ...change, ...(change.status && { statusReason: change.statusReason ?? null }), ...(change.finishedAt && { finishedAt: change.finishedAt.toISOString() }), ...(change.startedAt && { startedAt: change.startedAt.toISOString() }) }
  return payload.update({ id, collection: CAMPAIGNS as 'campaigns', context: { [CAMPAIGN_ACTION]: true }, data: data as never, depth: 0, overrideAccess: true, req })
}

/** The worker stops a campaign it cannot send, with the reason shown to editors; nothing half-silent. */
export async function pauseWithReason(payload: Payload, id: number | string, reason: string) {
  payload.logger.warn(`Campaign ${id} paused: ${reason}`)
  await setCampaignStatus(payload, id, { status: 'paused', statusReason: reason })
}
