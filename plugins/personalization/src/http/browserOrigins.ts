import type { PayloadRequest } from 'payload'

import { personalizationOptions } from '../extensions'

/**
 * A page of an origin in `browser.origins`, or of Kontorwerk's own origin (its demo pages, whatever
 * name the server was reached at: 127.0.0.1, a LAN name); every other page is refused.
 */
export function allowedOrigin(req: Pick<PayloadRequest, 'headers' | 'payload'>, origin: string): boolean {
  if (personalizationOptions(req.payload).browser.origins.includes(origin)) return true
  try {
    return new URL(origin).host === req.headers.get('host')
  } catch {
    return false
  }
}
