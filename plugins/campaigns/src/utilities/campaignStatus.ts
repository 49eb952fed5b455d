import type { Payload, PayloadRequest } from 'payload'

import { idFromKey, runSql, sql, sqlTable } from '@kontorwerk/personalization'

import type { CampaignStatus } from '../collections/Campaigns'
import type { AbDecision, Campaign } from '../documents'

import { CAMPAIGNS } from '../defaults'
import { CAMPAIGN_ACTION } from '../hooks/lockOnceScheduled'
import { withOwnContext } from './ownContext'

type StatusChange = {
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

/**
 * Stores check `check` of a campaign's A/B test (with a decision also `abWinner`) in one guarded
 * statement: only if no worker stored this check or a later one, nor a decision, meanwhile.
 * Payload's `update` with `where` finds first and writes after, so two workers could both write;
 * this cannot. Returns what is stored afterwards, whoever wrote it: every worker goes by the same
 * check and the same winner. SQL only, as the campaign report the check reads.
 */
export async function recordAbCheck(
  payload: Payload,
  id: number | string,
  check: number,
  { abDecision, abWinner }: { abDecision: AbDecision; abWinner?: string },
): Promise<Pick<Campaign, 'abDecision' | 'abWinner'>> {
  const table = sqlTable<Record<string, { name: string }>>(payload, CAMPAIGNS)
  const column = (field: string) => sql.identifier(table[field].name)
  const values: Record<string, unknown> = {
    ...Object.fromEntries(Object.entries(abDecision).map(([field, value]) => [`abDecision_${field}`, value])),
    ...(abWinner && { abWinner }),
    updatedAt: new Date().toISOString(),
  }
  const checks = column('abDecision_checks')
  await runSql(
    payload,
    sql`update ${sql.identifier(CAMPAIGNS)} set ${sql.join(
      Object.entries(values).map(([field, value]) => sql`${column(field)} = ${value ?? null}`),
      sql`, `,
    )}
    where ${column('id')} = ${idFromKey(payload, String(id))} and ${column('abWinner')} is null
      and (${checks} is null or ${checks} < ${check})`,
  )
  const stored = await payload.findByID({
    id,
    collection: CAMPAIGNS as 'campaigns',
    depth: 0,
    disableErrors: true,
    select: { abDecision: true, abWinner: true },
  })
  return (stored ?? {}) as Pick<Campaign, 'abDecision' | 'abWinner'>
}
