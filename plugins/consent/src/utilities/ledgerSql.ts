import type { SQL } from '@kontorwerk/personalization'

import { sql } from '@kontorwerk/personalization'

import type { ConsentPurpose } from './consentState'

/**
 * Granted consent as SQL (SQLite, PostgreSQL) over the ledger, table `consent_records`, read as
 * `consentStatus` reads it: a confirmation that no withdrawal or erasure of the same purpose and
 * channel, of its topic or of all, followed (later, or as late and written after it).
 * `subscriber`: the alias of the subscribers table in the query. `topic`: `'any'`, some topic or
 * all; `'none'`, all topics (purposes without topics, e.g. tracking); a topic id, that one or all.
 */
export function grantedConsentSql(
  subscriber: SQL,
  purpose: ConsentPurpose,
  channel: string,
  topic: 'any' | 'none' | string,
): SQL {
  const confirmedFor =
    topic === 'any'
      ? sql``
      : topic === 'none'
        ? sql` and c.topic_id is null`
        : sql` and (c.topic_id = ${Number(topic)} or c.topic_id is null)`
  const withdrawalFor =
    topic === 'any'
      ? sql`(w.topic_id is null or w.topic_id = c.topic_id)`
      : topic === 'none'
        ? sql`w.topic_id is null`
        : sql`(w.topic_id is null or w.topic_id = ${Number(topic)})`
  return sql`exists (select 1 from consent_records c where c.subscriber_id = ${subscriber}.id and c.purpose = ${purpose} and c.channel = ${channel} and c.action = 'confirmed'${confirmedFor}
      and not exists (select 1 from consent_records w where w.subscriber_id = ${subscriber}.id and w.purpose = c.purpose and w.channel = c.channel and w.action in ('withdrawn', 'erased')
        and (w.occurred_at > c.occurred_at or (w.occurred_at = c.occurred_at and w.id > c.id)) and ${withdrawalFor}))`
}
