import type { PayloadRequest } from 'payload'

import { ipKeyGenerator } from 'express-rate-limit'

/**
 * The caller's address as the express server saw it (src/server.ts sets `x-client-ip`, overwriting
 * whatever the caller sent; TRUST_PROXY decides whether X-Forwarded-For counts). IPv6 clients are
 * keyed per /56 network, since they can change addresses within it at will.
 */
export function clientAddressKey(req: Pick<PayloadRequest, 'headers'>): string {
  const ip = req.headers.get('x-client-ip')
  return ip ? ipKeyGenerator(ip) : 'unknown'
}
