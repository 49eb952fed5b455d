/** A page view as the browser SDK reports it. */
export const pageView = (id: string, url: string) => ({ id, properties: { url }, type: 'page_viewed' })

export const BROWSER_EVENTS_PATH = '/api/events/browser'

/**
 * A request to the public browser event endpoint as `navigator.sendBeacon` sends it: text/plain JSON
 * with the page's Origin, from a client address of its own (the per-address budget is not every test's subject).
 */
export const beaconInit = (origin: string, body: unknown, ip = '203.0.113.200'): RequestInit => ({
  body: typeof body === 'string' ? body : JSON.stringify(body),
  headers: { 'content-type': 'text/plain;charset=UTF-8', origin, 'x-client-ip': ip },
  method: 'POST',
})
