import type { PersonalDataContributor } from '../personalData/contributors'

import { VISITOR_MERGES } from '../collections/VisitorMerges'

/** Which browser's anonymous history became part of the profile: in the export, gone with the person (the events themselves are the events contributor's). */
export const visitorMergesPersonalData: PersonalDataContributor = {
  erase: ({ subscriber }) => ({ deletes: [{ collection: VISITOR_MERGES, field: 'subscriber', value: subscriber.id }] }),
  export: async ({ payload, req, subscriber }) => {
    const { docs } = await payload.find({
      collection: VISITOR_MERGES as 'events',
      depth: 0,
      pagination: false,
      req,
      where: { subscriber: { equals: subscriber.id } },
    })
    return (docs as unknown as { events?: number; mergedAt: string; via: string; visitor: string }[]).map((merge) => ({
      events: merge.events ?? 0,
      mergedAt: merge.mergedAt,
      via: merge.via,
      visitor: merge.visitor,
    }))
  },
  key: 'visitorMerges',
  label: {
    de: 'Ihr anonymer Besuchsverlauf auf der Website, der mit Ihrem Profil verbunden wurde',
    en: 'Your anonymous browsing history on the website that was joined to your profile',
  },
}
