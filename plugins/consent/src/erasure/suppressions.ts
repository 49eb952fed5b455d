import type { Payload, PayloadRequest, Where } from 'payload'

import type { BulkWrite } from '@kontorwerk/personalization'

import { readRows } from '@kontorwerk/personalization'

import { ERASURE_SUPPRESSIONS } from './ErasureSuppressions'
import { type ErasedIdentity, identityHashes } from './suppressionHash'

/** The code a refused row or save carries: the person was erased on their request. */
export const ERASED = 'erased'

type Entry = { emailHash: string; externalIdHash?: null | string; id: number | string }

/** The suppression entry an erasure writes with the deletion of the profile (all or nothing); erasing twice keeps one. */
export function suppressionWrite(payload: Payload, identity: ErasedIdentity): BulkWrite {
  const { emailHash, externalIdHash } = identityHashes(payload, identity)
  if (!emailHash) return {}
  return {
    inserts: [
      {
        collection: ERASURE_SUPPRESSIONS,
        conflictKey: 'emailHash',
        docs: [{ emailHash, externalIdHash }],
        ignoreConflicts: true,
      },
    ],
  }
}

/** The entries that match any of these people by email or by external id. */
async function entriesFor(payload: Payload, identities: ErasedIdentity[]): Promise<Entry[]> {
  const hashes = identities.map((identity) => identityHashes(payload, identity))
  const emailHashes = hashes.flatMap(({ emailHash }) => (emailHash ? [emailHash] : []))
  const externalIdHashes = hashes.flatMap(({ externalIdHash }) => (externalIdHash ? [externalIdHash] : []))
  // Straight from the table (readRows): an import asks this for every chunk of 500 rows.
  const columns = ['id', 'emailHash', 'externalIdHash']
  const [byEmail, byExternalId] = await Promise.all([
    readRows(payload, ERASURE_SUPPRESSIONS, columns, [{ field: 'emailHash', in: emailHashes }]),
    readRows(payload, ERASURE_SUPPRESSIONS, columns, [{ field: 'externalIdHash', in: externalIdHashes }]),
  ])
  return [...byEmail, ...byExternalId] as unknown as Entry[]
}

/**
 * Which of these people were erased on request, by email or external id (either one matches):
 * imports and integrations refuse them (code `erased`). Exported for the sync APIs.
 */
export async function erasedAmong<T extends ErasedIdentity>(payload: Payload, identities: T[]): Promise<Set<T>> {
  const entries = await entriesFor(payload, identities)
  const emails = new Set(entries.map((entry) => entry.emailHash))
  const externalIds = new Set(entries.flatMap((entry) => (entry.externalIdHash ? [entry.externalIdHash] : [])))
  return new Set(
    identities.filter((identity) => {
      const { emailHash, externalIdHash } = identityHashes(payload, identity)
      return (emailHash != null && emails.has(emailHash)) || (externalIdHash != null && externalIds.has(externalIdHash))
    }),
  )
}

/**
 * Whether this one person was erased on request, read with the caller's request and so inside its
 * transaction: a save hook that read from the pool while its save holds a connection starves the
 * PostgreSQL pool when more saves run at once than it has connections.
 */
export async function isErased(req: PayloadRequest, identity: ErasedIdentity): Promise<boolean> {
  const { emailHash, externalIdHash } = identityHashes(req.payload, identity)
  const matches: Where[] = [
    ...(emailHash ? [{ emailHash: { equals: emailHash } }] : []),
    ...(externalIdHash ? [{ externalIdHash: { equals: externalIdHash } }] : []),
  ]
  if (matches.length === 0) return false
  const { totalDocs } = await req.payload.count({
    collection: ERASURE_SUPPRESSIONS as never,
    overrideAccess: true,
    req,
    where: { or: matches },
  })
  return totalDocs > 0
}

/**
 * The person signed up again themselves and confirmed the double opt-in: that is new consent, so
 * their entry goes (the external id they had with it too). Matched by the address only: the
 * sign-up form knows nothing else. See docs/plugins/consent.md (erasure suppression).
 */
export async function liftSuppression(payload: Payload, email: string): Promise<void> {
  const { emailHash } = identityHashes(payload, { email })
  if (!emailHash) return
  await payload.delete({
    collection: ERASURE_SUPPRESSIONS as never,
    overrideAccess: true,
    where: { emailHash: { equals: emailHash } },
  })
}
