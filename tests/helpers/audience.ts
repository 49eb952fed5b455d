import type { Payload } from 'payload'

import { idFromKey, writeAtomically } from '@kontorwerk/personalization'
import { writeMembers } from '@kontorwerk/segments'

export type AudienceOptions = {
  /** Subscribers with confirmed marketing consent by email (all unless `withoutConsent`). */
  count: number
  /** Share of them (every n-th) that also gave tracking consent; 0 = none. */
  trackingEvery?: number
  prefix?: string
  /** Indexes (0-based) that get no marketing consent. */
  withoutConsent?: (index: number) => boolean
  consentAt?: Date
}

/**
 * Many subscribers with consent, written in bulk (as an import would), and a static segment of them:
 * campaign tests need thousands, which one Local API create each would take minutes for.
 */
export async function createAudience(
  payload: Payload,
  {
    consentAt = new Date(Date.now() - 86_400_000),
    count,
    prefix = 'r',
    trackingEvery = 0,
    withoutConsent = () => false,
  }: AudienceOptions,
) {
  const emails = Array.from({ length: count }, (_, index) => `${prefix}${index}@empfang.example`)
  for (let from = 0; from < count; from += 1000) {
    await writeAtomically(payload, {
      inserts: [
        {
          collection: 'subscribers',
          docs: emails.slice(from, from + 1000).map((email, offset) => ({
            addressForm: 'formal',
            email,
            firstName: `Person${from + offset}`,
            gender: 'unspecified',
            locale: 'de',
          })),
        },
      ],
    })
  }
  const { docs } = await payload.find({
    collection: 'subscribers',
    depth: 0,
    limit: 0,
    pagination: false,
    select: { email: true },
    where: { email: { in: emails } },
  })
  const idByEmail = new Map(docs.map((doc) => [doc.email, String(doc.id)]))
  const ids = emails.map((email) => idByEmail.get(email)!)
  const record = (subscriber: string, purpose: 'marketing' | 'tracking') => ({
    action: 'confirmed',
    channel: 'email',
    occurredAt: consentAt,
    purpose,
    source: 'import',
    subscriber: idFromKey(payload, subscriber),
  })
  const consents = ids.flatMap((id, index) => [
    ...(withoutConsent(index) ? [] : [record(id, 'marketing')]),
    ...(trackingEvery > 0 && index % trackingEvery === 0 ? [record(id, 'tracking')] : []),
  ])
  for (let from = 0; from < consents.length; from += 1000) {
    await writeAtomically(payload, {
      inserts: [{ collection: 'consent-records', docs: consents.slice(from, from + 1000) }],
    })
  }
  const segment = await payload.create({
    collection: 'segments',
    data: { kind: 'static', name: `Empfänger ${prefix}` } as never,
  })
  await writeMembers(payload, String(segment.id), ids, { replace: true })
  return { emails, ids, segment: String(segment.id) }
}
