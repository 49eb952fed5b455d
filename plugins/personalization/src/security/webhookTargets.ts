import type { LookupAddress, LookupOptions } from 'node:dns'
import type { Payload } from 'payload'

import ipaddr from 'ipaddr.js'
import dns from 'node:dns'
import { Agent, fetch } from 'undici'

import type { TranslatedTexts } from '../i18n/translations'

import { personalizationOptions } from '../extensions'
import { texts } from '../translations'

/**
 * Outgoing webhooks go to the public internet only: a URL that leads to the server's own network
 * (loopback, private and link-local ranges, cloud metadata at 169.254.169.254 …) would let whoever
 * sets the URL make the server call internal services. The option allowPrivateWebhooks lifts this for
 * deployments whose CRM sits beside the server (and for tests with a local receiver).
 */
/** Whether the host allows webhooks into private networks (option `allowPrivateWebhooks`). */
export const privateWebhooksAllowed = (payload: Pick<Payload, 'config'>) =>
  personalizationOptions(payload).allowPrivateWebhooks

/**
 * Whether an address is on the public internet. ipaddr.js names every special range (loopback,
 * private, linkLocal, uniqueLocal, carrierGradeNat, unspecified, reserved, multicast, 6to4,
 * teredo, rfc6052 …) and calls only the rest `unicast`. An IPv4-mapped IPv6 address
 * (::ffff:10.0.0.1) is judged as the IPv4 address it carries.
 */
export function isPublicAddress(address: string): boolean {
  return ipaddr.isValid(address) && ipaddr.process(address).range() === 'unicast'
}

/** The first address that is not public, as people read it (::ffff:7f00:1 is shown as 127.0.0.1), or undefined. */
function internalAddress(addresses: string[]): string | undefined {
  const found = addresses.find((address) => !isPublicAddress(address))
  return found !== undefined && ipaddr.isValid(found) ? ipaddr.process(found).toString() : found
}

/** The host as an address can be compared: "[::1]" → "::1" (URL keeps IPv6 in brackets; it already turned 2130706433 into 127.0.0.1). */
const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1')

const internal = (host: string, address: string) =>
  texts('kontorwerk-personalization:webhookInternalAddress', { address, host })

/**
 * What is wrong with a webhook URL, or null: it must be http(s), and its host must resolve to
 * public addresses only. `resolve: false` skips the DNS lookup (the admin UI checks as one types;
 * the save checks fully).
 */
export async function webhookUrlProblem(
  payload: Pick<Payload, 'config'>,
  value: string,
  { resolve = true } = {},
): Promise<null | TranslatedTexts> {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return texts('kontorwerk-personalization:webhookInvalidUrl')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return texts('kontorwerk-personalization:webhookNotHttp')
  if (privateWebhooksAllowed(payload)) return null
  const host = hostOf(url)
  if (!ipaddr.isValid(host) && !resolve) return null
  let addresses: string[]
  try {
    addresses = ipaddr.isValid(host)
      ? [host]
      : (await dns.promises.lookup(host, { all: true, verbatim: true })).map((entry) => entry.address)
  } catch {
    return texts('kontorwerk-personalization:webhookHostUnresolved', { host })
  }
  const blocked = internalAddress(addresses)
  return blocked ? internal(host, blocked) : null
}

export class WebhookRefused extends Error {
  constructor(host: string, address: string) {
    super(internal(host, address).en)
    this.name = 'WebhookRefused'
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: LookupAddress[] | string, family?: number) => void

/**
 * dns.lookup that fails when the host resolves to any address that is not public. undici calls it
 * when it opens the connection, so what is checked is what is connected to: a DNS answer that
 * changed since the URL was saved (DNS rebinding) cannot lead inside.
 */
function publicOnlyLookup(hostname: string, options: LookupOptions, callback: LookupCallback) {
  dns.lookup(
    hostname,
    { ...options, verbatim: true },
    (error: NodeJS.ErrnoException | null, address: LookupAddress[] | string, family?: number) => {
      if (error) return callback(error, address, family)
      const blocked = internalAddress(Array.isArray(address) ? address.map((entry) => entry.address) : [address])
      if (blocked)
        return callback(
          Object.assign(new WebhookRefused(hostname, blocked), { code: 'EWEBHOOKREFUSED' }),
          address,
          family,
        )
      callback(null, address, family)
    },
  )
}

const publicOnly = new Agent({ connect: { lookup: publicOnlyLookup as never } })

/**
 * POSTs to a webhook, never into the own network (unless the host sets allowPrivateWebhooks) and never
 * following a redirect: a webhook answers itself, and a redirect could point at an internal
 * address that no lookup would see (IP addresses are connected to without one).
 */
export const postWebhook = (
  payload: Pick<Payload, 'config'>,
  target: string,
  init: { body: string; headers: Record<string, string>; signal?: AbortSignal },
) => fetchPublic(payload, target, { ...init, method: 'POST' })

/**
 * Any request to an address a user typed (a webhook, a product feed's URL) with the same guard:
 * public addresses only unless allowPrivateWebhooks, the connected address checked, no redirect followed.
 */
export async function fetchPublic(
  payload: Pick<Payload, 'config'>,
  target: string,
  init: { body?: string; headers?: Record<string, string>; method: 'GET' | 'POST'; signal?: AbortSignal },
) {
  const request = { ...init, redirect: 'manual' } as const
  if (privateWebhooksAllowed(payload)) return fetch(target, request)
  const host = hostOf(new URL(target))
  const literal = ipaddr.isValid(host) ? internalAddress([host]) : undefined
  if (literal) throw new WebhookRefused(host, literal)
  try {
    return await fetch(target, { ...request, dispatcher: publicOnly })
  } catch (error) {
    // undici reports a failed connection as "fetch failed"; the refusal is its cause.
    throw (error as Error).cause instanceof WebhookRefused ? (error as Error).cause : error
  }
}
