import type { PersonalDataContributor } from '@kontorwerk/personalization'

import { SEGMENT_MEMBERS } from '../collections/SegmentMembers'
import { segmentsOf } from '../utilities/segmentService'

/**
 * Segment memberships are personal data: the export names every segment the person is in today
 * (static lists and rule-based segments alike); erasure removes them from every static list
 * (rule-based segments hold no rows about anybody).
 */
export const membershipsPersonalData: PersonalDataContributor = {
  erase: ({ subscriber }) => ({
    deletes: [{ collection: SEGMENT_MEMBERS, field: 'subscriber', value: subscriber.id }],
  }),
  export: async ({ payload, req, subscriber }) => {
    const ids = await segmentsOf(payload, subscriber.id, null, new Date(), req)
    if (ids.size === 0) return []
    const { docs } = await payload.find({
      collection: 'segments',
      depth: 0,
      pagination: false,
      req,
      select: { kind: true, name: true },
      where: { id: { in: [...ids] } },
    })
    return docs.map((segment) => ({ kind: segment.kind, name: segment.name }))
  },
  key: 'segments',
  label: { de: 'Zielgruppen (Segmente)', en: 'Audiences (segments)' },
}
