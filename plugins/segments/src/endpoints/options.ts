import type { CollectionSlug, Endpoint, PayloadRequest } from 'payload'

import type { TranslatedLabel } from '@kontorwerk/personalization'

import { CONSENT_CHANNEL_OPTIONS } from '@kontorwerk/consent'
import {
  addressFormOptions,
  EVENT_TYPES,
  eventPropertyNames,
  isStaffRequest,
  readerLocaleOptions,
} from '@kontorwerk/personalization'

import type { SegmentsTranslationKey } from '../translations'

import { FREQUENCIES } from '../rules/catalogue'
import { message } from '../translations'

export type SegmentOption = { label: string; value: string }

/** Everything the rule builder's dropdowns offer, labelled in the admin language. */
export type SegmentOptions = {
  addressForms: SegmentOption[]
  channels: SegmentOption[]
  /** Per event type the properties its events carry by contract: what an event-property condition can name. */
  eventProperties: Record<string, string[]>
  eventTypes: SegmentOption[]
  frequencies: SegmentOption[]
  interests: SegmentOption[]
  locales: SegmentOption[]
  personas: SegmentOption[]
  segments: SegmentOption[]
  stages: SegmentOption[]
  topics: SegmentOption[]
}

const EVENT_TYPE_LABELS: Record<string, SegmentsTranslationKey> = {
  bounce: 'kontorwerk-segments:eventBounce',
  custom: 'kontorwerk-segments:eventCustom',
  download: 'kontorwerk-segments:eventDownload',
  email_clicked: 'kontorwerk-segments:eventEmailClicked',
  email_delivered: 'kontorwerk-segments:eventEmailDelivered',
  email_opened: 'kontorwerk-segments:eventEmailOpened',
  email_sent: 'kontorwerk-segments:eventEmailSent',
  form_submitted: 'kontorwerk-segments:eventFormSubmitted',
  link_clicked: 'kontorwerk-segments:eventLinkClicked',
  page_viewed: 'kontorwerk-segments:eventPageViewed',
  purchase: 'kontorwerk-segments:eventPurchase',
  stage_changed: 'kontorwerk-segments:eventStageChanged',
  unsubscribe: 'kontorwerk-segments:eventUnsubscribe',
}

const FREQUENCY_LABELS: Record<(typeof FREQUENCIES)[number], SegmentsTranslationKey> = {
  important_only: 'kontorwerk-segments:frequencyImportantOnly',
  monthly: 'kontorwerk-segments:frequencyMonthly',
  weekly: 'kontorwerk-segments:frequencyWeekly',
}

type Doc = Record<string, unknown> & { id: number | string }

/**
 * GET /api/segments/options: the personas, interests, stages, topics, segments and fixed choices
 * the rule builder offers, so editors pick real ids instead of typing them.
 */
export const segmentOptionsEndpoint: Endpoint = {
  method: 'get',
  path: '/options',
  handler: async (req) => {
    if (!req.user || !isStaffRequest(req)) {
      return Response.json(
        { errors: [{ message: message(req, 'kontorwerk-segments:loginRequired') }] },
        { status: 401 },
      )
    }
    const lang = req.i18n?.language === 'en' ? 'en' : 'de'
    const find = (collection: string, sort: string) => findAll(req, collection, sort, lang)
    const [personas, interests, stages, topics, segments] = await Promise.all([
      find('personas', 'name'),
      find('interests', 'label'),
      find('lifecycle-stages', 'order'),
      find('topics', 'name'),
      find('segments', 'name'),
    ])
    const pick = (docs: Doc[], field: string) =>
      docs.map((doc) => ({ label: String(doc[field] ?? doc.id), value: String(doc.id) }))
    const fixed = (options: { label: TranslatedLabel; value: string }[]) =>
      options.map((option) => ({ label: option.label({ t: req.t }), value: option.value }))
    const body: SegmentOptions = {
      addressForms: fixed(addressFormOptions),
      channels: fixed(CONSENT_CHANNEL_OPTIONS),
      eventProperties: Object.fromEntries(
        Object.keys(EVENT_TYPES).map((type) => [type, eventPropertyNames(type as keyof typeof EVENT_TYPES)]),
      ),
      eventTypes: Object.keys(EVENT_TYPES).map((type) => ({
        label: type in EVENT_TYPE_LABELS ? message(req, EVENT_TYPE_LABELS[type]) : type,
        value: type,
      })),
      frequencies: FREQUENCIES.map((value) => ({ label: message(req, FREQUENCY_LABELS[value]), value })),
      interests: interestPaths(interests, lang),
      locales: readerLocaleOptions.map(({ label: name, value }) => ({ label: name, value })),
      personas: pick(personas, 'name'),
      segments: pick(segments, 'name'),
      stages: pick(stages, 'label'),
      topics: pick(topics, 'name'),
    }
    return Response.json(body)
  },
}

async function findAll(req: PayloadRequest, collection: string, sort: string, locale: 'de' | 'en'): Promise<Doc[]> {
  const { docs } = await req.payload.find({
    // Segments are not in the generated types until the plugin is registered and types regenerated.
    collection: collection as CollectionSlug,
    depth: 0,
    locale,
    overrideAccess: false,
    pagination: false,
    req,
    sort,
  })
  return docs as unknown as Doc[]
}

/** "Parent › Child" labels, so equally named children in different branches stay apart. */
function interestPaths(interests: Doc[], lang: 'de' | 'en'): SegmentOption[] {
  const byId = new Map(interests.map((interest) => [String(interest.id), interest]))
  const path = (interest: Doc): string => {
    const names: string[] = []
    const seen = new Set<string>()
    for (let current: Doc | undefined = interest; current && !seen.has(String(current.id));) {
      seen.add(String(current.id))
      names.unshift(String(current.label ?? current.id))
      const parent: unknown = current.parent
      current = parent == null ? undefined : byId.get(String(typeof parent === 'object' ? (parent as Doc).id : parent))
    }
    return names.join(' › ')
  }
  return interests
    .map((interest) => ({ label: path(interest), value: String(interest.id) }))
    .sort((a, b) => a.label.localeCompare(b.label, lang))
}
