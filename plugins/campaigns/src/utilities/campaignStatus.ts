import type { Payload, PayloadRequest } from 'payload'

import type { CampaignStatus } from '../collections/Campaigns'

import { CAMPAIGNS } from '../defaults'
import { CAMPAIGN_ACTION } from '../hooks/lockOnceScheduled'
import { withOwnContext } from './ownContext'

type StatusChange = {
  abWinner?: string
  finishedAt?: Date
  frozenAudience?: number | string
  sendAt?: string
  startedAt?: Date
  status?: CampaignStatus
  statusReason?: null | string
}

const dataOf = (change: StatusChange) => ({
  ...change,
  ...(change.status && { statusReason: change.statusReason ?? null }),
  ...(change.finishedAt && { finishedAt: change.finishedAt.toISOString() }),
  ...(change.startedAt && { startedAt: change.startedAt.toISOString() }),
})

/** The only writer of a campaign's status (actions and the worker). */
export async function setCampaignStatus(
  payload: Payload,
  id: number | string,
  change: StatusChange,
  req?: PayloadRequest,
) {
  return payload.update({
    id,
    collection: CAMPAIGNS as 'campaigns',
    context: { [CAMPAIGN_ACTION]: true },
    data: dataOf(change) as never,
    depth: 0,
    overrideAccess: true,
    req: withOwnContext(req),
  })
}

/**
 * The worker's status change, made only if the campaign is still in one of `from`: an editor's
 * pause or cancel that came in meanwhile wins. True if it moved.
 */
export async function moveCampaign(
  payload: Payload,
  id: number | string,
  from: CampaignStatus[],
  change: StatusChange,
): Promise<boolean> {
  const { docs } = await payload.update({
    collection: CAMPAIGNS as 'campaigns',
    context: { [CAMPAIGN_ACTION]: true },
    data: dataOf(change) as never,
    depth: 0,
    overrideAccess: true,
    where: { and: [{ id: { equals: id } }, { status: { in: from } }] },
  })
  return docs.length > 0
}

/** The worker stops a campaign it cannot send, with the reason shown to editors; nothing half-silent. */
export async function pauseWithReason(payload: Payload, id: number | string, reason: string) {
  if (await moveCampaign(payload, id, ['scheduled', 'sending'], { status: 'paused', statusReason: reason }))
    payload.logger.warn(`Campaign ${id} paused: ${reason}`)
}
