import type { Payload, PayloadRequest } from 'payload'

import type { Subscriber } from '../documents'

import { withoutLinkKey } from '../security/subscriberForLink'
import { personalDataContributors } from './contributors'

export type PersonalDataExport = { exportedAt: string; profile: Record<string, unknown> } & Record<string, unknown>

/**
 * Everything the product holds about one person (DSGVO Art. 15, portable as JSON per Art. 20):
 * the profile and one section per installed part (consent ledger, events, score and its hits,
 * segments, sends and automation runs …), with names instead of internal ids where a person
 * would not understand them.
 */
export async function exportPersonalData(
  payload: Payload,
  subscriber: Subscriber,
  req?: PayloadRequest,
): Promise<PersonalDataExport> {
  const sections: Record<string, unknown> = {}
  for (const contributor of personalDataContributors(payload)) {
    if (contributor.export) sections[contributor.key] = await contributor.export({ payload, req, subscriber })
  }
  return { exportedAt: new Date().toISOString(), profile: withoutLinkKey(subscriber), ...sections }
}
