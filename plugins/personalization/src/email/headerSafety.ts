import type { SendEmailOptions } from 'payload'

import { hasControlCharacters, singleLine } from '../domain/singleLine'

const ADDRESS_FIELDS = ['from', 'sender', 'to', 'cc', 'bcc', 'replyTo'] as const

export class UnsafeMailAddressError extends Error {
  constructor(field: string) {
    super(`Mail not sent: the "${field}" address contains a line break or another control character`)
    this.name = 'UnsafeMailAddressError'
  }
}

/**
 * A message as Payload hands it to the adapter, with every value that becomes a header on one line
 * (a line break there would start a header of the sender's choosing). Subject, display names and
 * custom headers are cleaned; an address with a control character is refused instead, because
 * nodemailer's address parser reads "anna@example.com\r\nBcc: evil@example.net" as a group whose
 * only recipient is evil@example.net.
 */
export function withHeadersOnOneLine(message: SendEmailOptions): SendEmailOptions {
  const safe: SendEmailOptions = { ...message }
  for (const field of ADDRESS_FIELDS)
    if (safe[field] !== undefined) safe[field] = checkedAddresses(field, safe[field]) as never
  if (typeof safe.subject === 'string') safe.subject = singleLine(safe.subject)
  if (safe.headers && !Array.isArray(safe.headers)) {
    safe.headers = Object.fromEntries(
      Object.entries(safe.headers).map(([key, value]) => [key, typeof value === 'string' ? singleLine(value) : value]),
    )
  }
  return safe
}

function checkedAddresses(field: string, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((entry) => checkedAddresses(field, entry))
  if (typeof value === 'string') {
    if (hasControlCharacters(value)) throw new UnsafeMailAddressError(field)
    return value
  }
  if (value && typeof value === 'object' && 'address' in value) {
    const { address, name } = value as { address: unknown; name?: unknown }
    if (typeof address === 'string' && hasControlCharacters(address)) throw new UnsafeMailAddressError(field)
    return typeof name === 'string' ? { ...value, name: singleLine(name) } : value
  }
  return value
}
