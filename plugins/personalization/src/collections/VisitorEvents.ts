import type { CollectionConfig } from 'payload'

import { writtenByTheProduct } from '../access/roles'
import { BROWSER_EVENT_TYPES } from '../events/browserEventTypes'
import { eventTypeOptions } from '../events/eventTypeOptions'
import { texts, translated } from '../translations'

export const VISITOR_EVENTS = 'visitor-events'

/**
 * What anonymous visitors did on the website (page views, clicks, custom events from the browser
 * SDK), keyed by their random visitor id and by nothing personal. Written only by the browser
 * endpoint; moved to `events` when the visitor becomes a subscriber (visitors/merge.ts), deleted
 * after `browser.anonymousRetentionDays` otherwise. Admins may read them; nobody edits them.
 */
export const VisitorEvents: CollectionConfig = {
  slug: VISITOR_EVENTS,
  access: writtenByTheProduct,
  admin: {
    defaultColumns: ['type', 'visitor', 'url', 'occurredAt'],
    group: texts('kontorwerk-personalization:groupBehaviour'),
    useAsTitle: 'eventId',
  },
  defaultSort: '-occurredAt',
  fields: [
    // `web:<visitor>:<client id>`: unique, so a resent beacon counts once; kept when the event moves to `events`.
    {
      name: 'eventId',
      type: 'text',
      label: translated('kontorwerk-personalization:eventId'),
      required: true,
      unique: true,
    },
    {
      name: 'visitor',
      type: 'text',
      index: true,
      label: translated('kontorwerk-personalization:visitorId'),
      required: true,
    },
    {
      name: 'type',
      type: 'select',
      label: translated('kontorwerk-personalization:type'),
      options: eventTypeOptions().filter((option) => BROWSER_EVENT_TYPES.includes(option.value as never)),
      required: true,
    },
    // Indexed: the retention sweep deletes by it.
    {
      name: 'occurredAt',
      type: 'date',
      index: true,
      label: translated('kontorwerk-personalization:occurredAt'),
      required: true,
    },
    { name: 'url', type: 'text', label: translated('kontorwerk-personalization:pageUrl') },
    { name: 'block', type: 'text', label: translated('kontorwerk-personalization:block') },
    { name: 'properties', type: 'json', label: translated('kontorwerk-personalization:properties') },
  ],
  labels: {
    plural: translated('kontorwerk-personalization:visitorEventsPlural'),
    singular: translated('kontorwerk-personalization:visitorEventsSingular'),
  },
}
