import type { Payload } from 'payload'

import { readRows, relationKey } from '@kontorwerk/personalization'

import type { ConsentEvent } from '../utilities/consentState'
import type { ImportRow, NoProofCode, RejectCode } from './importRow'

import { erasedAmong } from '../erasure/suppressions'
import { consentStatus } from '../utilities/consentState'
import { ledgersOf } from '../utilities/ledger'

export type RowOutcome = 'new' | 'rejected' | 'unchanged' | 'updated'

/** The profile fields an import writes; an empty cell never erases a stored value. */
export const PROFILE_FIELDS = ['email', 'externalId', 'firstName', 'lastName'] as const
type ProfileField = (typeof PROFILE_FIELDS)[number]

/**
 * The ledger entries a row adds, by topic id. `release`: topics outside the import whose consent
 * was given for the subscriber's old address; a row that moves them to a new one ends it (at import time).
 */
export type LedgerAdditions = { confirm: string[]; release?: string[]; withdraw: string[] }

/** What importing a row does (the dry run shows it, the run does it). */
export type RowPlan = {
  changes: Partial<Record<ProfileField, string>>
  code?: RejectCode
  email?: string
  ledger: LedgerAdditions
  line: number
  noProof?: NoProofCode | null
  outcome: RowOutcome
  row?: ImportRow
  subscriberId?: number | string
}

type Existing = {
  email: string
  externalId?: null | string
  firstName?: null | string
  id: number | string
  lastName?: null | string
}

const PROFILE_COLUMNS = ['id', 'email', 'externalId', 'firstName', 'lastName']

/**
 * Stored subscribers with these addresses or external ids, the profile fields the import compares:
 * read straight from the table (readRows), as a chunk's worth of Payload documents would cost more than its writes.
 */
export async function subscribersNamed(
  payload: Payload,
  emails: string[],
  externalIds: string[] = [],
): Promise<Existing[]> {
  const [byEmail, byExternalId] = await Promise.all([
    readRows(payload, 'subscribers', PROFILE_COLUMNS, [{ field: 'email', in: emails }]),
    readRows(payload, 'subscribers', PROFILE_COLUMNS, [{ field: 'externalId', in: externalIds }]),
  ])
  const unique = new Map([...byEmail, ...byExternalId].map((row) => [String(row.id), row as unknown as Existing]))
  return [...unique.values()]
}

/** The stored subscribers these rows name, by email and by external id. */
async function existingSubscribers(payload: Payload, rows: ImportRow[]) {
  const docs = await subscribersNamed(
    payload,
    rows.map((row) => row.email),
    rows.flatMap((row) => (row.externalId ? [row.externalId] : [])),
  )
  const byEmail = new Map<string, Existing>()
  const byExternalId = new Map<string, Existing>()
  for (const doc of docs) {
    byEmail.set(doc.email, doc)
    if (doc.externalId) byExternalId.set(doc.externalId, doc)
  }
  return { byEmail, byExternalId }
}

/**
 * What the row adds to the ledger: only entries that change the state for a topic, except that a
 * row moving the subscriber to a new address (ownProof) always records its proof.
 */
export function ledgerAdditions(
  row: ImportRow,
  ledger: ConsentEvent[],
  topics: string[],
  { ownProof = false }: { ownProof?: boolean } = {},
): LedgerAdditions {
  const status = (events: ConsentEvent[], topic: string) => consentStatus(events, 'marketing', 'email', topic)
  if (row.unsubscribedAt) {
    const withdrawn: ConsentEvent = {
      action: 'withdrawn',
      channel: 'email',
      occurredAt: row.unsubscribedAt,
      purpose: 'marketing',
    }
    return {
      confirm: [],
      withdraw: topics.filter((topic) => status(ledger, topic) !== status([...ledger, { ...withdrawn, topic }], topic)),
    }
  }
  if (!row.proof) return { confirm: [], withdraw: [] }
  const released = ownProof ? releasedTopics(ledger, topics) : []
  const confirmed = {
    action: 'confirmed',
    channel: 'email',
    occurredAt: row.proof.confirmedAt,
    purpose: 'marketing',
  } as const
  return {
    // A proof older than a withdrawal recorded here does not bring the consent back.
    // With ownProof (a new address) the proof is written although a consent stands: that one was the old address's.
    confirm: topics.filter(
      (topic) =>
        (ownProof || status(ledger, topic) !== 'granted') &&
        status([...ledger, { ...confirmed, topic }], topic) === 'granted',
    ),
    ...(released.length ? { release: released } : {}),
    withdraw: [],
  }
}

/** Topics granted in the ledger that the import's proof does not cover. */
function releasedTopics(ledger: ConsentEvent[], topics: string[]): string[] {
  const named = new Set(ledger.flatMap((event) => (event.topic == null ? [] : [String(event.topic)])))
  return [...named].filter(
    (topic) => !topics.includes(topic) && consentStatus(ledger, 'marketing', 'email', topic) === 'granted',
  )
}

/**
 * Plans rows that passed the row checks against the database: new or existing (by external id,
 * else by email; the two naming different people is a conflict, and so is an external id whose row
 * changes the address without a proof of its own), which fields change, and which
 * ledger entries are added. Unchanged: nothing to write.
 */
export async function planRows(payload: Payload, rows: ImportRow[], topics: string[]): Promise<RowPlan[]> {
  if (!rows.length) return []
  const erased = await erasedAmong(payload, rows)
  const { byEmail, byExternalId } = await existingSubscribers(payload, rows)
  const matchedIds = [...new Set([...byEmail.values(), ...byExternalId.values()].map((doc) => doc.id))]
  const ledgers = await ledgersOf(payload, matchedIds.map(String), 'marketing')
  return rows.map((row): RowPlan => {
    const base = { email: row.email, line: row.line, noProof: row.noProof, row }
    // Erased on the person's request: an old export must not bring them back (nor their old proof).
    if (erased.has(row))
      return { ...base, changes: {}, code: 'erased', ledger: { confirm: [], withdraw: [] }, outcome: 'rejected' }
    const byId = row.externalId ? byExternalId.get(row.externalId) : undefined
    const byMail = byEmail.get(row.email)
    // Two people, or one person with another CRM id: the admin decides, the import does not guess.
    const otherExternalId = !byId && byMail?.externalId && row.externalId && byMail.externalId !== row.externalId
    // A CRM row that moves a subscriber to another address: the consent given for the old address
    // is not the new one's. Without a proof of its own the row is refused; with one, the new
    // address's proof is recorded even where the old consent still stands, and the old address's
    // consent for topics the proof does not cover ends (LedgerAdditions.release).
    const newAddress = Boolean(byId && byId.email !== row.email)
    if ((byId && byMail && byId.id !== byMail.id) || otherExternalId || (newAddress && !row.proof))
      return {
        ...base,
        changes: {},
        code: 'identity_conflict',
        ledger: { confirm: [], withdraw: [] },
        outcome: 'rejected',
      }
    const existing = byId ?? byMail
    const ledger = ledgerAdditions(row, existing ? (ledgers.get(relationKey(existing.id)!) ?? []) : [], topics, {
      ownProof: newAddress,
    })
    if (!existing) return { ...base, changes: profileOf(row), ledger, outcome: 'new' }
    const changes: RowPlan['changes'] = {}
    for (const [field, value] of Object.entries(profileOf(row)) as [ProfileField, string][])
      if (value !== (existing[field] ?? null)) changes[field] = value
    const changed =
      Object.keys(changes).length > 0 ||
      ledger.confirm.length > 0 ||
      ledger.withdraw.length > 0 ||
      Boolean(ledger.release?.length)
    return { ...base, changes, ledger, outcome: changed ? 'updated' : 'unchanged', subscriberId: existing.id }
  })
}

function profileOf(row: ImportRow): RowPlan['changes'] {
  const profile: RowPlan['changes'] = { email: row.email }
  for (const field of ['externalId', 'firstName', 'lastName'] as const) if (row[field]) profile[field] = row[field]!
  return profile
}
