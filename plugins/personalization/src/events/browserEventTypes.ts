import type { EventType } from './eventTypes'

/**
 * What a browser may report (docs/plugins/personalization.md#browser-sdk-and-anonymous-visitors):
 * page views, clicks and custom events. Purchases, form submissions, downloads, email events and
 * unsubscribes come from systems that can prove them (the shop, the form, the mail server) with an
 * admin API key; a page's script could claim anything.
 */
export const BROWSER_EVENT_TYPES: readonly EventType[] = ['page_viewed', 'link_clicked', 'custom']

export const isBrowserEventType = (type: unknown): type is EventType => BROWSER_EVENT_TYPES.includes(type as EventType)
