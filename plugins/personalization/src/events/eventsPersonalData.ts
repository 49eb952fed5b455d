import type { PersonalDataContributor } from '../personalData/contributors'

import { EVENTS } from '../collections/Events'

/** A subscriber's behaviour (opens, clicks, visits, purchases …): shown in the export, gone with the person. */
export const eventsPersonalData: PersonalDataContributor = {
  erase: ({ subscriber }) => ({ deletes: [{ collection: EVENTS, field: 'subscriber', value: subscriber.id }] }),
  export: async ({ payload, req, subscriber }) => {
    const { docs } = await payload.find({
      collection: EVENTS as 'events',
      depth: 0,
      pagination: false,
      req,
      sort: 'occurredAt',
      where: { subscriber: { equals: subscriber.id } },
    })
    return docs.map((event) => ({
      occurredAt: event.occurredAt,
      properties: event.properties ?? null,
      source: event.source ?? null,
      type: event.type,
    }))
  },
  key: 'events',
  label: {
    de: 'Ihr Verhalten (Öffnungen, Klicks, Besuche, Käufe)',
    en: 'Your behaviour (opens, clicks, visits, purchases)',
  },
}
