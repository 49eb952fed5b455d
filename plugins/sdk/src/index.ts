/**
 * @kontorwerk/sdk — the browser side of Kontorwerk personalization (docs/plugins/personalization.md#browser-sdk-and-anonymous-visitors).
 *
 * Before the visitor has agreed to tracking, the SDK sets no identifier, stores nothing on the
 * device and sends no event (TDDDG § 25, ePrivacy): `page()` and `track()` are dropped, and
 * `blocks()`/`landingPage()` ask anonymously. With consent it keeps a random visitor id in
 * localStorage and sends events in batches with `navigator.sendBeacon`. Withdrawing consent
 * deletes the id. No dependencies; one module.
 *
 * @example
 * import { init } from '/sdk/kontorwerk-sdk.js'
 * const kw = init({ endpoint: 'https://cms.example.com', consent: (set) => myCmp.onChange((c) => set(c.personalization)) })
 * kw.page()
 */

/** Either the page's answer now, or a function that hands the SDK a setter to call whenever the consent platform's answer changes. */
export type ConsentSource = boolean | ((update: (granted: boolean) => void) => void)

export type InitOptions = {
  /** Where Kontorwerk runs, e.g. 'https://cms.example.com' (its /api/events/browser and /api/personalized/… are used). */
  endpoint: string
  /** Tracking consent: told by the page, or read from a consent-management platform's callback. Default: not given. */
  consent?: ConsentSource
  /** How long events wait to be sent together (ms). Default 2000; a page being left sends at once. */
  flushAfterMs?: number
  /** The localStorage key of the visitor id. Default 'kontorwerk.visitor'. */
  storageKey?: string
}

export type EventType = 'custom' | 'link_clicked' | 'page_viewed'

export type BlockFilter = {
  channel: string
  goals?: string[]
  interests?: string[]
  match?: 'all' | 'interestsOrRegion'
  strategy?: 'freshness' | 'priority' | 'relevance'
}

export type PersonalizedBlock = {
  bodyHtml: string
  cta: null | { label: string; url: string }
  html: string
  id: string
  reason: { kind: string; matchedInterests: string[] }
  title: string
}

export type PersonalizedLandingPage = {
  headline: string
  html: string
  sections: { blocks: PersonalizedBlock[]; key: string; label: string }[]
  slug: string
  subline: null | string
  title: string
}

export type Kontorwerk = {
  /** Ranked blocks for this visitor (their reading with consent, anonymous otherwise). */
  blocks: (filter: BlockFilter, limit?: number) => Promise<PersonalizedBlock[]>
  /** Sends what is queued now (sendBeacon); resolves when handed over. */
  flush: () => Promise<void>
  /** The signed subscriber token of an email link: events and answers are then the subscriber's, and the anonymous history joins theirs (once). */
  identify: (token: null | string) => void
  /** A personalized landing page by slug. */
  landingPage: (slug: string) => Promise<PersonalizedLandingPage>
  /** A page view of this page (URL without its token parameter) or of `url`. */
  page: (properties?: Record<string, unknown>) => void
  /** Whether tracking consent is given now. */
  readonly consented: boolean
  /** The page tells the SDK (e.g. its own banner). `false` withdraws: the visitor id is deleted. */
  setConsent: (granted: boolean) => void
  /** An event of the page: link_clicked (properties.url), custom (properties.name) or page_viewed. */
  track: (type: EventType, properties?: Record<string, unknown>) => void
  /** The anonymous visitor id, only with consent (e.g. for a sign-up form, so the history can join the profile). */
  visitorId: () => null | string
}

/** What the server takes per request (MAX_BROWSER_BATCH). */
const BATCH = 50

type QueuedEvent = { id: string; occurredAt: string; properties: Record<string, unknown>; type: EventType }

function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  // Pages served over plain http (no secure context) lack randomUUID: a v4 UUID from getRandomValues.
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6] & 0x0f) | 0x40
  bytes[8] = (bytes[8] & 0x3f) | 0x80
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** The page's address without a subscriber token (email links carry one): tokens never travel in events. */
function currentUrl(): string {
  const url = new URL(location.href)
  url.searchParams.delete('token')
  return url.toString()
}

function readStorage(key: string): null | string {
  try {
    return localStorage.getItem(key)
  } catch {
    return null // storage blocked: this page view simply has no id
  }
}

export function init(options: InitOptions): Kontorwerk {
  const endpoint = options.endpoint.replace(/\/+$/, '')
  const storageKey = options.storageKey ?? 'kontorwerk.visitor'
  const flushAfterMs = options.flushAfterMs ?? 2000
  let visitor: null | string = null
  let token: null | string = null
  let queue: QueuedEvent[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  let sequence = 0

  const setConsent = (granted: boolean) => {
    if (granted) {
      visitor = readStorage(storageKey)
      if (!visitor || !/^[0-9a-f-]{36}$/.test(visitor)) {
        visitor = randomId()
        try {
          localStorage.setItem(storageKey, visitor)
        } catch {
          // storage blocked: the id lives as long as the page
        }
      }
      return
    }
    visitor = null
    queue = []
    try {
      localStorage.removeItem(storageKey)
    } catch {
      // nothing stored
    }
  }

  const send = (events: QueuedEvent[], wait: boolean): Promise<void> => {
    const body = JSON.stringify(token ? { events, token, visitor } : { events, visitor })
    const url = `${endpoint}/api/events/browser`
    // text/plain: what sendBeacon sends, and a simple cross-origin request (no preflight).
    if (!wait && navigator.sendBeacon?.(url, new Blob([body], { type: 'text/plain' }))) return Promise.resolve()
    return fetch(url, { body, headers: { 'content-type': 'text/plain' }, keepalive: true, method: 'POST' }).then(
      () => undefined,
      () => undefined,
    )
  }

  const flushQueue = (wait: boolean): Promise<void> => {
    clearTimeout(timer)
    timer = undefined
    const sends: Promise<void>[] = []
    while (queue.length > 0 && (visitor || token)) sends.push(send(queue.splice(0, BATCH), wait))
    queue = []
    return Promise.all(sends).then(() => undefined)
  }

  const track = (type: EventType, properties: Record<string, unknown> = {}) => {
    if (!visitor) return // no consent: nothing is recorded, not even in memory
    queue.push({
      id: `${Date.now().toString(36)}-${(sequence++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
      occurredAt: new Date().toISOString(),
      properties,
      type,
    })
    if (queue.length >= BATCH) void flushQueue(false)
    else timer ??= setTimeout(() => void flushQueue(false), flushAfterMs)
  }

  /** A cacheable GET read (`/api/personalized/…`): a simple request from any allowed origin, revalidated by ETag. */
  const read = async <T>(
    path: string,
    params: Record<string, null | number | string | string[] | undefined>,
  ): Promise<T> => {
    // Queued views first, so the answer already knows the page the visitor just read.
    await flushQueue(true)
    const query = new URLSearchParams()
    for (const [name, value] of Object.entries({ ...params, token, visitor }))
      if (value != null && value !== '') query.set(name, Array.isArray(value) ? value.join(',') : String(value))
    const response = await fetch(`${endpoint}/api/personalized/${path}?${query}`)
    const result = (await response.json()) as T & { error?: { code: string; message: string } }
    if (!response.ok) {
      const error = new Error(result.error?.message ?? response.statusText) as Error & { code?: string }
      error.code = result.error?.code
      throw error
    }
    return result
  }

  if (typeof options.consent === 'function') options.consent(setConsent)
  else if (options.consent) setConsent(true)
  // A page being left or hidden sends what is queued: the beacon outlives the page.
  addEventListener('pagehide', () => void flushQueue(false))
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void flushQueue(false)
  })

  return {
    blocks: (filter, limit = 3) => read<PersonalizedBlock[]>('blocks', { ...filter, limit }),
    get consented() {
      return visitor !== null
    },
    flush: () => flushQueue(false),
    identify: (given) => {
      token = given
    },
    landingPage: (slug) => read<PersonalizedLandingPage>(`landing-pages/${encodeURIComponent(slug)}`, {}),
    page: (properties = {}) => track('page_viewed', { title: document.title, url: currentUrl(), ...properties }),
    setConsent,
    track,
    visitorId: () => visitor,
  }
}
