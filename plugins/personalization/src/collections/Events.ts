import type { CollectionConfig } from 'payload'

import { isAdmin } from '../access/roles'
import { EVENT_TYPES } from '../events/eventTypes'
import { label } from '../i18n/label'

export const EVENTS = 'events'

/**
 * Subscriber events, written only by the intake (`src/events/intake.ts`) in bulk; the admin UI
 * shows them read-only. The client's event id is unique, which makes retries harmless.
 */
export const Events: CollectionConfig = {
  slug: EVENTS,
  access: { create: () => false, delete: () => false, read: isAdmin, update: () => false },
  admin: {
    defaultColumns: ['type', 'subscriber', 'occurredAt', 'source'],
    group: label('Verhalten', 'Behaviour'),
    useAsTitle: 'eventId',
  },
  defaultSort: '-occurredAt',
  fields: [
    { name: 'eventId', type: 'text', label: label('Ereignis-ID', 'Event id'), required: true, unique: true },
    {
      name: 'type',
      type: 'select',
      label: label('Typ', 'Type'),
      options: Object.keys(EVENT_TYPES),
      required: true,
    },
    { name: 'subscriber', type: 'relationship', index: true, label: label('Abonnent', 'Subscriber'), relationTo: 'subscribers', required: true },
    { name: 'occurredAt', type: 'date', label: label('Zeitpunkt', 'Occurred at'), required: true },
    { name: 'block', type: 'text', label: label('Block', 'Block') },
    { name: 'properties', type: 'json', label: label('Eigenschaften', 'Properties') },
    { name: 'source', type: 'text', label: label('Quelle', 'Source') },
  ],
  // Few indexes: every one costs on each of thousands of inserts a second. Scoring reads by subscriber, type and time; segments' event windows by type and time, answered from the index alone (subscriber and block in it).
  indexes: [{ fields: ['subscriber', 'type', 'occurredAt'] }, { fields: ['type', 'occurredAt', 'subscriber', 'block'] }],
  labels: { plural: label('Ereignisse', 'Events'), singular: label('Ereignis', 'Event') },
}
