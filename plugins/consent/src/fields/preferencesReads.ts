import type { SQL } from '@kontorwerk/personalization'

import { sql } from '@kontorwerk/personalization'

/** A subscriber's choices in the preference center; no channel chosen means every channel with consent. */
export type StoredPreferences = { channels: string[]; frequency: string; pausedUntil: null | number }

type Stored = {
  preferences?: { channels?: null | string[]; frequency?: null | string; pausedUntil?: null | string } | null
}

/** The frequency of a subscriber who never chose one (the field's default). */
const DEFAULT_FREQUENCY = 'weekly'

/** The choices from the subscriber's document as read (the `preferences` group this plugin adds). */
export function preferencesOf(subscriber: object): StoredPreferences {
  const stored = (subscriber as Stored).preferences
  return {
    channels: stored?.channels ?? [],
    frequency: stored?.frequency ?? DEFAULT_FREQUENCY,
    pausedUntil: stored?.pausedUntil == null ? null : new Date(stored.pausedUntil).getTime(),
  }
}

/** The pause's path in Payload queries (any database). */
export const PAUSED_UNTIL_PATH = 'preferences.pausedUntil'

/** The same choices as SQL (SQLite, PostgreSQL) on the subscriber row; `subscriber` is its table alias. */
export const preferencesSql = {
  /** True where the subscriber chose this channel or chose none. */
  channelChosen: (
    subscriber: SQL,
    channel: string,
  ) => sql`(not exists (select 1 from subscribers_preferences_channels pc where pc.parent_id = ${subscriber}.id)
          or exists (select 1 from subscribers_preferences_channels pc where pc.parent_id = ${subscriber}.id and pc.value = ${channel}))`,
  // A literal: PostgreSQL stores the frequency as an enum, and a literal takes its type.
  frequency: (subscriber: SQL) =>
    sql`coalesce(${subscriber}.preferences_frequency, ${sql.raw(`'${DEFAULT_FREQUENCY}'`)})`,
  /** The stored date as written (NULL: not paused). */
  pausedUntil: (subscriber: SQL) => sql`${subscriber}.preferences_paused_until`,
}
