import type { CollectionSlug, Payload, PayloadRequest } from 'payload'

import type { ShippedLanguage } from '../../i18n/translations'
import type { ReasonLabels } from './reasonText'

import { REGIONS } from '../../collections/Regions'

type Named = { key?: string; label?: string; name?: string; slug?: string; code?: string }

/** Display name by key of one collection, in `locale` where its names are localized. */
async function namesOf(
  payload: Payload,
  collection: string,
  key: 'code' | 'key' | 'slug',
  name: 'label' | 'name',
  locale: string | undefined,
): Promise<Map<string, string>> {
  const { docs } = await payload.find({
    collection: collection as CollectionSlug,
    depth: 0,
    limit: 0,
    ...(locale ? { locale: locale as never } : {}),
    pagination: false,
    select: { [key]: true, [name]: true } as never,
  })
  return new Map(
    (docs as Named[]).flatMap((doc) => (doc[key] && doc[name] ? [[doc[key]!, doc[name]!] as [string, string]] : [])),
  )
}

/** The content locale that shows names in `language`: the language itself where the host has it, else the default. */
function localeOf(payload: Payload, language: ShippedLanguage): string | undefined {
  const localization = payload.config.localization
  if (!localization) return undefined
  return localization.localeCodes.includes(language) ? language : localization.defaultLocale
}

export function loadReasonLabels(payload: Payload, language: ShippedLanguage): Promise<ReasonLabels> {
  const locale = localeOf(payload, language)
  return Promise.all([
    namesOf(payload, 'interests', 'slug', 'label', locale),
    namesOf(payload, 'personas', 'slug', 'name', locale),
    namesOf(payload, REGIONS, 'code', 'name', locale),
    namesOf(payload, 'lifecycle-stages', 'key', 'label', locale),
  ]).then(([interests, personas, regions, stages]) => ({ interests, personas, regions, stages }))
}

const perRequest = new WeakMap<PayloadRequest, Map<ShippedLanguage, Promise<ReasonLabels>>>()

/** The labels once per request and language: a preview explains every block of a document with the same names. */
export function reasonLabelsFor(req: PayloadRequest, language: ShippedLanguage): Promise<ReasonLabels> {
  const byLanguage = perRequest.get(req) ?? new Map<ShippedLanguage, Promise<ReasonLabels>>()
  perRequest.set(req, byLanguage)
  let labels = byLanguage.get(language)
  if (!labels) byLanguage.set(language, (labels = loadReasonLabels(req.payload, language)))
  return labels
}
