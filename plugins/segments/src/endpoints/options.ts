import type { CollectionSlug, Endpoint, PayloadRequest } from 'payload'

import { addressFormOptions } from '@kontorwerk/personalization'
import { EVENT_TYPES } from '@kontorwerk/personalization'
import { type Label, label } from '@kontorwerk/personalization'
import { localeOptions } from '@kontorwerk/personalization'
import { message } from '@kontorwerk/personalization'
import { CONSENT_CHANNEL_OPTIONS } from '@kontorwerk/consent'
import { FREQUENCIES } from '../rules/catalogue'

export type SegmentOption = { label: string; value: string }

/** Everything the rule builder's dropdowns offer, labelled in the admin language. */
export type SegmentOptions = {
  addressForms: SegmentOption[]
  channels: SegmentOption[]
  eventTypes: SegmentOption[]
  frequencies: SegmentOption[]
  interests: SegmentOption[]
  locales: SegmentOption[]
  personas: SegmentOption[]
  segments: SegmentOption[]
  stages: SegmentOption[]
  topics: SegmentOption[]
}

const EVENT_TYPE_LABELS: Record<string, Label> = {
  bounce: label('Bounce', 'Bounce'),
  custom: label('Eigenes Ereignis', 'Custom event'),
  download: label('Download', 'Download'),
  email_clicked: label('E-Mail geklickt', 'Email clicked'),
  email_delivered: label('E-Mail zugestellt', 'Email delivered'),
  email_opened: label('E-Mail geöffnet', 'Email opened'),
  email_sent: label('E-Mail versendet', 'Email sent'),
  form_submitted: label('Formular abgeschickt', 'Form submitted'),
  page_viewed: label('Seite angesehen', 'Page viewed'),
  purchase: label('Kauf', 'Purchase'),
  stage_changed: label('Phase gewechselt', 'Stage changed'),
  unsubscribe: label('Abgemeldet', 'Unsubscribed'),
}

const FREQUENCY_LABELS: Record<(typeof FREQUENCIES)[number], Label> = {
  important_only: label('Nur Wichtiges', 'Only important'),
  monthly: label('Monatlich', 'Monthly'),
  weekly: label('Wöchentlich', 'Weekly'),
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
    if (!req.user) {
      return Response.json({ errors: [{ message: message(req, label('Bitte melden Sie sich an.', 'Please log in.')) }] }, { status: 401 })
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
    const pick = (docs: Doc[], field: string) => docs.map((doc) => ({ label: String(doc[field] ?? doc.id), value: String(doc.id) }))
    const fixed = (options: { label: Label; value: string }[]) => options.map((option) => ({ label: option.label[lang], value: option.value }))
    const body: SegmentOptions = {
      addressForms: fixed(addressFormOptions),
      channels: fixed(CONSENT_CHANNEL_OPTIONS),
      eventTypes: Object.keys(EVENT_TYPES).map((type) => ({ label: EVENT_TYPE_LABELS[type]?.[lang] ?? type, value: type })),
      frequencies: FREQUENCIES.map((value) => ({ label: FREQUENCY_LABELS[value][lang], value })),
      interests: interestPaths(interests, lang),
      locales: localeOptions.map(({ label: name, value }) => ({ label: name, value })),
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
    for (let current: Doc | undefined = interest; current && !seen.has(String(current.id)); ) {
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
