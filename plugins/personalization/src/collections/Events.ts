import type { CollectionConfig } from 'payload'

import { writtenByTheProduct } from '../access/roles'
import { eventTypeOptions } from '../events/eventTypeOptions'
import { texts, translated } from '../translations'

export const EVENTS = 'events'

/**
 * Subscriber events, written only by the intake (`src/events/intake.ts`) in bulk; the admin UI
 * shows them read-only. The client's event id is unique, which makes retries harmless.
 */
export const Events: CollectionConfig = {
  slug: EVENTS,
  access: writtenByTheProduct,
  admin: {
    defaultColumns: ['type', 'subscriber', 'occurredAt', 'source'],
    group: texts('kontorwerk-personalization:groupBehaviour'),
    useAsTitle: 'eventId',
  },
  defaultSort: '-occurredAt',
  fields: [
    {
      name: 'eventId',
      type: 'text',
      label: translated('kontorwerk-personalization:eventId'),
      required: true,
      unique: true,
    },
    {
      name: 'type',
      type: 'select',
      label: translated('kontorwerk-personalization:type'),
      options: eventTypeOptions(),
      required: true,
    },
    {
      name: 'subscriber',
      type: 'relationship',
      index: true,
      label: translated('kontorwerk-personalization:subscriber'),
      relationTo: 'subscribers',
      required: true,
    },
    { name: 'occurredAt', type: 'date', label: translated('kontorwerk-personalization:occurredAt'), required: true },
    { name: 'block', type: 'text', label: translated('kontorwerk-personalization:block') },
    { name: 'properties', type: 'json', label: translated('kontorwerk-personalization:properties') },
    { name: 'source', type: 'text', label: translated('kontorwerk-personalization:source') },
  ],
  // Few indexes: every one costs on each of thousands of inserts a second. Scoring reads by subscriber, type and time; segments' event windows by type and time, answered from the index alone (subscriber and block in it).
  indexes: [
    { fields: ['subscriber', 'type', 'occurredAt'] },
    { fields: ['type', 'occurredAt', 'subscriber', 'block'] },
  ],
  labels: {
    plural: translated('kontorwerk-personalization:eventsPlural'),
    singular: translated('kontorwerk-personalization:eventsSingular'),
  },
}
