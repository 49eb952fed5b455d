import type { Payload, Where } from 'payload'

import { relationKey } from '@kontorwerk/personalization'

import { CONSENT_RECORDS } from '../collections/ConsentRecords'
import { ledgersInOrder } from '../utilities/ledger'
import { consentOptions } from '../utilities/options'

/** The mark on a sign-up's `requested` records (in `proof`) when that sign-up created the profile. */
export const NEW_PROFILE = 'newProfile'
/** Set on the deletion's context: the consent ledger's erasure note says why and no suppression is written. */
export const PURGE_UNCONFIRMED = 'kontorwerk.purgeUnconfirmed'

const DAY_MS = 24 * 3600_000
/** Candidates read per round; each round deletes what it may before the next. */
const PAGE = 500

export type PurgeResult = { checked: number; purged: number }

/**
 * Deletes the profiles that unconfirmed sign-ups created, once the retention has passed (DSGVO
 * Art. 5(1)(c, e): what a stranger typed into the form is kept no longer than the confirmation
 * needs). A profile goes only when all of this holds, so nothing a team or a shop knows is lost:
 * - its sign-up created it (the `requested` records carry the `newProfile` mark; older sign-ups
 *   without the mark are kept, on purpose),
 * - its ledger holds nothing but requests, and the newest is older than the retention (asking
 *   again restarts the clock),
 * - nobody else added to it: no external id, no last name, no attributes, no static list
 *   membership, and no event but the bounce of the confirmation mail (a mistyped address).
 * The deletion is the erasure (every package's personal data, all or nothing) without the
 * suppression entry: the person never asked to be forgotten and may sign up or be imported again.
 */
export async function purgeUnconfirmed(
  payload: Payload,
  { now = new Date(), retentionDays }: { now?: Date; retentionDays: number },
): Promise<PurgeResult> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS)
  const result: PurgeResult = { checked: 0, purged: 0 }
  let after: null | number | string = null
  for (;;) {
    const where: Where[] = [{ action: { equals: 'requested' } }, { occurredAt: { less_than: cutoff.toISOString() } }]
    if (after != null) where.push({ id: { greater_than: after } })
    const { docs } = await payload.find({
      collection: CONSENT_RECORDS as 'consent-records',
      depth: 0,
      limit: PAGE,
      overrideAccess: true,
      // No page count: a nightly run over a large ledger would count it again for every page.
      pagination: false,
      select: { proof: true, subscriber: true },
      sort: 'id',
      where: { and: where },
    })
    if (docs.length === 0) return result
    after = docs[docs.length - 1].id
    const marked = new Set(
      docs.flatMap((record) =>
        (record.proof as null | Record<string, unknown>)?.[NEW_PROFILE] === true && record.subscriber != null
          ? [relationKey(record.subscriber)!]
          : [],
      ),
    )
    const expired = await onlyExpiredRequests(payload, [...marked], cutoff)
    const unknown = await unknownElsewhere(payload, expired)
    result.checked += marked.size
    for (const id of unknown) {
      // Asked again or confirmed since the check above: kept.
      if ((await onlyExpiredRequests(payload, [id], cutoff)).length === 0) continue
      const deleted = await payload
        .delete({
          id,
          collection: consentOptions(payload).subscribersSlug as 'subscribers',
          context: { [PURGE_UNCONFIRMED]: true },
          overrideAccess: true,
        })
        .then(() => true)
        .catch((error: unknown) => {
          // One failed erasure changed nothing (all or nothing); the next run tries again.
          payload.logger.error({ err: error, msg: `Unconfirmed sign-up ${id} not purged` })
          return false
        })
      if (deleted) result.purged++
    }
  }
}

/** Of these subscribers, those whose whole ledger is requests, all older than the cutoff. */
async function onlyExpiredRequests(payload: Payload, ids: string[], cutoff: Date): Promise<string[]> {
  const ledgers = await ledgersInOrder(payload, ids)
  return ids.filter((id) =>
    (ledgers.get(id) ?? []).every(
      (record) => record.action === 'requested' && new Date(record.occurredAt).getTime() < cutoff.getTime(),
    ),
  )
}

/** Static lists (segments package), read by slug where installed: this package does not depend on it. */
const SEGMENT_MEMBERS = 'segment-members'

/**
 * Of these subscribers, those nobody else added to: no external id, last name or attributes (a
 * CRM, a shop sync or the team wrote them), no static list, no event but a bounce (the confirmation
 * mail to a mistyped address bounces; that says nothing about the person).
 */
async function unknownElsewhere(payload: Payload, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return []
  const byIds = { subscriber: { in: ids } }
  const [{ docs: profiles }, events, members] = await Promise.all([
    payload.find({
      collection: consentOptions(payload).subscribersSlug as 'subscribers',
      depth: 0,
      limit: ids.length,
      overrideAccess: true,
      pagination: false,
      select: { attributes: true, externalId: true, lastName: true },
      where: { id: { in: ids } },
    }),
    payload.find({
      collection: 'events',
      depth: 0,
      overrideAccess: true,
      pagination: false,
      select: { subscriber: true },
      where: { and: [byIds, { type: { not_equals: 'bounce' } }] },
    }),
    payload.collections[SEGMENT_MEMBERS as 'events']
      ? payload.find({
          collection: SEGMENT_MEMBERS as 'events',
          depth: 0,
          overrideAccess: true,
          pagination: false,
          select: { subscriber: true },
          where: byIds,
        })
      : { docs: [] },
  ])
  const known = new Set([...events.docs, ...members.docs].map((row) => relationKey(row.subscriber)))
  const hasAttributes = (value: unknown) =>
    value != null && typeof value === 'object' && Object.keys(value as object).length > 0
  return profiles
    .filter(
      (profile) =>
        !profile.externalId &&
        !profile.lastName &&
        !hasAttributes(profile.attributes) &&
        !known.has(String(profile.id)),
    )
    .map((profile) => String(profile.id))
}
