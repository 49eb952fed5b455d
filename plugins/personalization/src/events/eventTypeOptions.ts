import { option } from '../translations'
import { eventTypeKey } from './eventTypeKey'
import { EVENT_TYPES, type EventType } from './eventTypes'

/**
 * Select options for event types with their names in the admin language ("Formular abgeschickt"), for
 * every field that stores a type; `except` leaves some out (the types only the product writes).
 */
export const eventTypeOptions = (except: readonly EventType[] = []) =>
  (Object.keys(EVENT_TYPES) as EventType[])
    .filter((type) => !except.includes(type))
    .map((type) => option(type, eventTypeKey(type) as never))
