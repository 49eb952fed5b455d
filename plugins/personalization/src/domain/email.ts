import { domainToASCII } from 'node:url'

const MAX_LENGTH = 254

/**
 * One canonical form per mailbox, so the same person never exists twice:
 * trimmed, Unicode NFC, lower case, internationalised domain in its ASCII (punycode) form, without
 * the trailing dot of a fully qualified domain ("example.com." is the mailbox at "example.com").
 * Returns null when the address cannot be a mailbox.
 */
export function normalizeEmail(raw: unknown): null | string {
  if (typeof raw !== 'string') return null
  const value = raw.trim().normalize('NFC').toLowerCase()
  // No control characters anywhere: an address ends up in mail headers, and domainToASCII would
  // silently drop line breaks and tabs from the domain instead of refusing them.
  if (/[\u0000-\u001f\u007f]/.test(value)) return null
  const at = value.lastIndexOf('@')
  if (at <= 0 || at === value.length - 1) return null
  const local = value.slice(0, at)
  const domain = domainToASCII(value.slice(at + 1)).replace(/\.$/, '')
  const labels = domain.split('.')
  if (labels.length < 2 || labels.includes('') || /[\s<>()[\]\\,;:"]/.test(local) || local.length > 64) return null
  const normalized = `${local}@${domain}`
  return normalized.length <= MAX_LENGTH ? normalized : null
}
