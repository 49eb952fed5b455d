import type { Field, FieldHook } from 'payload'

import { createHash, randomBytes } from 'node:crypto'

/**
 * Subscribers made before link keys existed get a key with this prefix in the migration: their
 * links signed before the upgrade (without a key in them) stay valid, so unsubscribe links in mails
 * already sent keep working. A subscriber created since has a plain key and accepts only keyed links.
 */
export const LEGACY_LINK_KEY_PREFIX = 'legacy:'

/** Who a signed link is for: the subscriber's id and the random key that only this person ever has. */
export type LinkSubject = { id: number | string; linkKey?: null | string }

export const newLinkKey = () => randomBytes(18).toString('base64url')

/** What a token carries of the key: enough to tell two keys apart, nothing to recover it from. */
export const linkKeyFingerprint = (linkKey: string) =>
  createHash('sha256').update(`link-key:${linkKey}`).digest('base64url').slice(0, 16)

/**
 * Whether a link's key claim (`k`, absent in links signed before link keys) belongs to this
 * subscriber. Erasure deletes the key with the profile, so an erased person's links can never open
 * anyone else's data, even if a database handed their id out again.
 */
export function linkKeyMatches(claimed: string | undefined, subject: LinkSubject): boolean {
  const key = subject.linkKey
  if (claimed === undefined) return !key || key.startsWith(LEGACY_LINK_KEY_PREFIX)
  return Boolean(key) && linkKeyFingerprint(key!) === claimed
}

// A new subscriber always gets a fresh key (whatever the input said); an existing one keeps theirs.
// Profiles from before link keys (MongoDB has no migration) get one with their next save.
const keepOrCreate: FieldHook = ({ operation, originalDoc, value }) => {
  if (operation === 'create') return newLinkKey()
  return (originalDoc as { linkKey?: null | string } | undefined)?.linkKey || value || newLinkKey()
}

/** The subscriber's link key: never shown, never written through any API, gone with the profile on erasure. */
export const linkKeyField: Field = {
  name: 'linkKey',
  type: 'text',
  // Also what bulk inserts (imports) fill in: src/database/tables.ts generatedDefaults.
  defaultValue: newLinkKey,
  hidden: true,
  hooks: { beforeChange: [keepOrCreate] },
}
