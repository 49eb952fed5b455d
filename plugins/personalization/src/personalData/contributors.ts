import type { CollectionConfig, Payload, PayloadRequest } from 'payload'

import type { BulkWrite } from '../database/bulkWrite'
import type { Subscriber } from '../documents'

export const SUBSCRIBERS = 'subscribers'

export type PersonalDataContext = { payload: Payload; req?: PayloadRequest; subscriber: Subscriber }

/**
 * A part of the product that keeps data about a subscriber (DSGVO Art. 15 and 17): the core's
 * events and queued jobs, and each plugin's own tables. Plugins register one on the subscribers
 * collection; erasure and export then cover whatever is installed, and nobody names another
 * plugin's tables.
 */
export type PersonalDataContributor = {
  /** The section of the export, e.g. `consent`; unique. */
  key: string
  /** The section's heading on the readable export page. */
  label: { de: string; en: string }
  /**
   * What removes or anonymises this part's data about the subscriber. Only reads happen here: the
   * writes of all parts are applied together with the deletion of the profile, all or nothing.
   */
  erase?: (context: PersonalDataContext) => BulkWrite | Promise<BulkWrite>
  /** What this part holds about the subscriber, readable by the person (names rather than ids). */
  export?: (context: PersonalDataContext) => Promise<unknown>
  /** Applied after everything else where no single transaction exists (MongoDB): the consent ledger's erasure note. */
  last?: boolean
}

type WithContributors = { custom?: Record<string, unknown> & { personalData?: PersonalDataContributor[] } }

/** The subscribers collection with one more contributor (plugins call this on the host's collection). */
export function withPersonalData<C extends CollectionConfig>(collection: C, contributor: PersonalDataContributor): C {
  const custom = (collection as WithContributors).custom ?? {}
  return { ...collection, custom: { ...custom, personalData: [...(custom.personalData ?? []), contributor] } }
}

/** Every registered contributor, those marked `last` at the end. */
export function personalDataContributors(payload: Payload): PersonalDataContributor[] {
  const config = payload.collections[SUBSCRIBERS as 'subscribers']?.config as WithContributors | undefined
  const all = config?.custom?.personalData ?? []
  return [...all.filter((contributor) => !contributor.last), ...all.filter((contributor) => contributor.last)]
}
