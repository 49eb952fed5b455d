import type { PersonalDataContributor } from '@kontorwerk/personalization'

import { relationId } from '@kontorwerk/personalization'

import { CONSENT_RECORDS } from '../collections/ConsentRecords'
import { suppressionWrite } from '../erasure/suppressions'
import { PURGE_UNCONFIRMED } from '../retention/purgeUnconfirmed'
import { ledgerRecords } from './ledger'

/**
 * The consent ledger of a person. The export lists every record with the topic's name. Erasure
 * (DSGVO Art. 17) removes the records and leaves one anonymised note that an erasure happened,
 * when, and how many records went, without any identifier; it is written last. The person's
 * keyed hashes go on the suppression list, so no import or integration brings them back; not so
 * for an unconfirmed sign-up deleted after its retention (retention/purgeUnconfirmed.ts).
 */
export const consentPersonalData: PersonalDataContributor = {
  erase: async ({ payload, req, subscriber }) => {
    const records = await ledgerRecords(payload, subscriber.id)
    // An unconfirmed sign-up deleted after its retention: not a request to be forgotten, so no suppression.
    const purged = req?.context?.[PURGE_UNCONFIRMED] === true
    const note = {
      action: 'erased',
      channel: records[0]?.channel ?? 'email',
      occurredAt: new Date().toISOString(),
      proof: purged
        ? { reason: 'unconfirmed_signup_expired', recordsRemoved: records.length }
        : { recordsRemoved: records.length },
      purpose: records[0]?.purpose ?? 'marketing',
      source: 'admin',
      subscriber: null,
    }
    return {
      deletes: [{ collection: CONSENT_RECORDS, field: 'subscriber', value: subscriber.id }],
      inserts: [
        { collection: CONSENT_RECORDS, docs: [note] },
        ...(purged ? [] : (suppressionWrite(payload, subscriber).inserts ?? [])),
      ],
    }
  },
  export: async ({ payload, req, subscriber }) => {
    const [records, { docs: topics }] = await Promise.all([
      ledgerRecords(payload, subscriber.id),
      payload.find({ collection: 'topics', depth: 0, pagination: false, req, select: { name: true } }),
    ])
    const topicName = (topic: unknown) =>
      topics.find((candidate) => String(candidate.id) === String(relationId(topic as never)))?.name ?? null
    return records.map((record) => ({
      action: record.action,
      channel: record.channel,
      ipAddress: record.ipAddress ?? null,
      occurredAt: record.occurredAt,
      proof: record.proof ?? null,
      purpose: record.purpose,
      source: record.source,
      textVersion: record.textVersion ?? null,
      topic: record.topic == null ? null : topicName(record.topic),
      userAgent: record.userAgent ?? null,
    }))
  },
  key: 'consent',
  label: { de: 'Einwilligungen (Nachweise)', en: 'Consents (records)' },
  last: true,
}
