import { normalizeEmail } from '../domain/email'
import {
  EVENT_TYPES,
  type EventType,
  isEventType,
  MAIL_EVENT_TYPES,
  OPTIONAL_PROPERTIES,
  type PropertySpec,
  REQUIRED_PROPERTIES,
  SYSTEM_EVENT_TYPES,
} from './eventTypes'

export const MAX_BATCH = 1000
/** Clocks drift; anything later than this ahead of the server is a client bug, not an event. */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000
const MAX_PROPERTIES_BYTES = 4096
const EVENT_ID = /^[\w.:@/-]{1,128}$/
/**
 * Strict ISO 8601 with a time and a zone, years 1970–2099: anything else is a client bug, not a
 * date. Order histories reach back decades (a shop backfilling its orders, the 1997 CDNOW data the
 * purchase model is validated on), so the range starts at the Unix epoch, not at 2000.
 */
const ISO_TIMESTAMP =
  /^(19[7-9]\d|20\d{2})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/

/** The calendar day exists (no 30 February: Date would roll it over to March). */
function realDate(value: string): boolean {
  const match = ISO_TIMESTAMP.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** One event as a client sends it. */
export type EventInput = {
  email?: unknown
  id?: unknown
  occurredAt?: unknown
  properties?: unknown
  subscriber?: unknown
  type?: unknown
}

/** An event that passed validation; `subscriber` is still the client's reference until resolved. */
export type ValidEvent = {
  block: null | string
  eventId: string
  occurredAt: Date
  properties: Record<string, unknown>
  subscriberRef: { email: string } | { id: string }
  type: EventType
}

export type EventError = { code: string; field?: string; message: string }

/** Checks one event's shape; the subscriber's existence and consent are the intake's to check. */
export function validateEvent(
  input: unknown,
  now: Date,
  { allowMail = true, allowSystem = false } = {},
): { error: EventError } | { event: ValidEvent } {
  if (input == null || typeof input !== 'object' || Array.isArray(input))
    return fail('invalid_event', 'An event must be a JSON object')
  const raw = input as EventInput
  if (typeof raw.id !== 'string' || !EVENT_ID.test(raw.id)) {
    return fail('invalid_id', 'id must be 1–128 characters of letters, digits and . : @ / _ -', 'id')
  }
  if (!isEventType(raw.type) || (!allowSystem && SYSTEM_EVENT_TYPES.includes(raw.type))) {
    const accepted = Object.keys(EVENT_TYPES).filter((type) => !SYSTEM_EVENT_TYPES.includes(type as EventType))
    return fail(
      'unknown_type',
      `Unknown event type ${JSON.stringify(raw.type)}; accepted: ${accepted.join(', ')}`,
      'type',
    )
  }
  if (!allowMail && MAIL_EVENT_TYPES.includes(raw.type))
    return fail(
      'reserved_type',
      `${raw.type} is written by the mail tracking itself; an integration key cannot post it`,
      'type',
    )

  const occurredAt = raw.occurredAt == null ? now : new Date(raw.occurredAt as string)
  if (
    raw.occurredAt != null &&
    (typeof raw.occurredAt !== 'string' || !realDate(raw.occurredAt) || Number.isNaN(occurredAt.getTime()))
  ) {
    return fail(
      'invalid_timestamp',
      'occurredAt must be an ISO 8601 timestamp with a zone, e.g. 2026-11-23T09:00:00Z',
      'occurredAt',
    )
  }
  if (occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    return fail(
      'future_timestamp',
      `occurredAt is more than ${FUTURE_TOLERANCE_MS / 60000} minutes in the future`,
      'occurredAt',
    )
  }

  const subscriberRef = referenceOf(raw)
  if (!subscriberRef) return fail('missing_subscriber', 'Give the subscriber as subscriber (id) or email', 'subscriber')

  const properties = raw.properties ?? {}
  if (typeof properties !== 'object' || Array.isArray(properties))
    return fail('invalid_properties', 'properties must be a JSON object', 'properties')
  if (JSON.stringify(properties).length > MAX_PROPERTIES_BYTES) {
    return fail(
      'properties_too_large',
      `properties must be at most ${MAX_PROPERTIES_BYTES} bytes of JSON`,
      'properties',
    )
  }
  const props = properties as Record<string, unknown>
  for (const required of REQUIRED_PROPERTIES[raw.type] ?? []) {
    if (!hasShape(props[required.name], required))
      return fail(
        'missing_property',
        `A ${raw.type} event needs properties.${required.name} (${describe(required)})`,
        `properties.${required.name}`,
      )
  }
  for (const optional of OPTIONAL_PROPERTIES[raw.type] ?? []) {
    if (props[optional.name] != null && !hasShape(props[optional.name], optional))
      return fail(
        'invalid_property',
        `properties.${optional.name} of a ${raw.type} is optional, but if given a ${describe(optional)}`,
        `properties.${optional.name}`,
      )
  }
  if (raw.type === 'bounce' && props.kind !== 'hard' && props.kind !== 'soft') {
    return fail('invalid_property', 'properties.kind of a bounce is hard or soft', 'properties.kind')
  }
  const block = props.block
  if (block != null && typeof block !== 'string' && typeof block !== 'number')
    return fail('invalid_property', 'properties.block is a block id', 'properties.block')

  return {
    event: {
      block: block == null ? null : String(block),
      eventId: raw.id,
      occurredAt,
      properties: props,
      subscriberRef,
      type: raw.type,
    },
  }
}

function referenceOf(raw: EventInput): ValidEvent['subscriberRef'] | null {
  if (typeof raw.subscriber === 'number' || (typeof raw.subscriber === 'string' && raw.subscriber.length > 0))
    return { id: String(raw.subscriber) }
  const email = normalizeEmail(raw.email)
  return email ? { email } : null
}

const CURRENCY = /^[A-Z]{3}$/

/**
 * The largest amount one event may carry: a trillion in any currency is far above any purchase
 * (also in yen or won), and below it the reports' sums and sums of squares stay exact enough and finite.
 */
const MAX_AMOUNT = 1e12

/** Numbers are amounts (finite, 0 to MAX_AMOUNT); currencies ISO 4217 codes like EUR; strings not empty; SKU lists of up to 100 SKUs. */
function hasShape(value: unknown, { type }: PropertySpec): boolean {
  if (type === 'skus')
    return (
      Array.isArray(value) &&
      value.length <= MAX_CART_PRODUCTS &&
      value.every((sku) => typeof sku === 'string' && sku.length > 0 && sku.length <= 100)
    )
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_AMOUNT
  if (type === 'currency') return typeof value === 'string' && CURRENCY.test(value)
  return typeof value === 'string' && value.length > 0
}

const MAX_CART_PRODUCTS = 100

const describe = ({ type }: PropertySpec) =>
  type === 'currency'
    ? 'ISO 4217 code, e.g. EUR'
    : type === 'skus'
      ? 'a list of SKUs, e.g. ["A-1","B-2"]'
      : type === 'number'
        ? 'number from 0 to 1000000000000'
        : type

const fail = (code: string, message: string, field?: string) => ({ error: { code, field, message } })
