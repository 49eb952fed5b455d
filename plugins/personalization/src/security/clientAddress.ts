import type { PayloadRequest } from 'payload'

import { ipKeyGenerator } from 'express-rate-limit'

import { personalizationOptions } from '../extensions'

/**
 * The caller's address, for per-address limits: what the host's `clientAddress` option reads from
 * the request headers (the reference app's express server sets `x-client-ip` from the socket,
 * overwriting whatever the caller sent). IPv6 clients are keyed per /56 network, since they can
 * change addresses within it at will. Without an address every caller shares one key, which fails closed.
 */
export function clientAddressKey(req: Pick<PayloadRequest, 'headers' | 'payload'>): string {
  const ip = personalizationOptions(req.payload).clientAddress(req.headers)
  return ip ? ipKeyGenerator(ip) : 'unknown'
}
