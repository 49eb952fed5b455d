import type { Payload } from 'payload'

import type { ContentBlock, Media } from '../documents'
import type { BlockCandidate } from './types'

import { personalizationOptions } from '../extensions'
import { absoluteUrl } from '../rendering/html'
import { richTextToHtml, richTextToText } from '../rendering/richText'
import { perPayloadCache } from '../utilities/perPayloadCache'
import { relationKey, relationKeys } from '../utilities/relation'
import { sourceSlugs, sourcesVersion } from '../utilities/sourcesVersion'
import { loadTaxonomy, type Taxonomy } from './context/taxonomy'

export type ImageRef = {
  alt: string
  height: null | number
  url: string
  url2x: string
  webUrl: string
  width: null | number
}

/** What a chosen block renders from, prepared once per library load. */
export type BlockContent = {
  bodyHtml: string
  bodyText: string
  cta: { label: string; url: string } | null
  /** Changes whenever the block or its image changes: part of every render cache key. */
  fingerprint: string
  id: string
  image: ImageRef | null
  title: string
}

export type BlockLibrary = { candidates: BlockCandidate[]; content: Map<string, BlockContent>; taxonomy: Taxonomy }

/** Other processes' edits are picked up after this long; this process's own edits at once (hooks). */
const MAX_AGE_MS = 10_000

const libraryVersion = (payload: Payload) =>
  sourcesVersion(payload, sourceSlugs(LIBRARY_SOURCES, personalizationOptions(payload).mediaSlug))

/**
 * One library per Payload instance, served stale while a fresh copy loads, so no request waits for a
 * reload; reloaded only when a source collection changed (10,000 blocks take ~4 s to read).
 */
const libraries = perPayloadCache('personalization:blockLibrary', loadLibrary, MAX_AGE_MS, { version: libraryVersion })

export const invalidateBlockLibrary = libraries.invalidate

/** Hooks for every collection the library is built from. */
export const invalidatesBlockLibrary = libraries.hooks

export const LIBRARY_SOURCES = [
  'content-blocks',
  'media',
  'interests',
  'personas',
  'lifecycle-stages',
  'regions',
  'conversions',
]

/** All published blocks with their taxonomy, held in memory: ranking never waits for the database. */
export function blockLibrary(payload: Payload): Promise<BlockLibrary> {
  return libraries.get(payload)
}

async function loadLibrary(payload: Payload): Promise<BlockLibrary> {
  const [taxonomy, blocks, media] = await Promise.all([
    loadTaxonomy(payload),
    payload.find({
      collection: 'content-blocks',
      depth: 0,
      limit: 0,
      pagination: false,
      where: { _status: { equals: 'published' } },
    }),
    payload.find({
      collection: personalizationOptions(payload).mediaSlug as 'media',
      depth: 0,
      limit: 0,
      pagination: false,
    }),
  ])
  const { publicUrl } = personalizationOptions(payload)
  const images = new Map(media.docs.map((doc) => [String(doc.id), doc]))
  const candidates: BlockCandidate[] = []
  const content = new Map<string, BlockContent>()
  for (const block of blocks.docs) {
    candidates.push(toCandidate(block, taxonomy))
    const image = block.image == null ? undefined : images.get(relationKey(block.image)!)
    content.set(String(block.id), toContent(block, image, publicUrl))
  }
  return { candidates, content, taxonomy }
}

function toCandidate(block: ContentBlock, taxonomy: Taxonomy): BlockCandidate {
  const convertsOn = block.convertsOn == null ? null : taxonomy.conversionById.get(relationKey(block.convertsOn)!)
  return {
    channels: block.channels,
    conversionWindowDays: block.conversionWindowDays ?? null,
    convertsOn: convertsOn ?? null,
    discountProduct: block.discountProduct ?? null,
    goal: block.goal ?? null,
    id: block.id,
    interests: relationKeys(block.interests),
    isFallback: Boolean(block.isFallback),
    locale: block.locale,
    personas: relationKeys(block.personas),
    priority: block.priority,
    regions: relationKeys(block.regions).flatMap((id) => taxonomy.regionCodeById.get(id) ?? []),
    stages: relationKeys(block.stages).flatMap((id) => taxonomy.stageKeyById.get(id) ?? []),
    title: block.title,
    updatedAt: block.updatedAt,
    validFrom: block.validFrom ?? null,
    validUntil: block.validUntil ?? null,
  }
}

/** A block as the renderers need it, its links and images absolute (mail clients resolve nothing). */
function toContent(block: ContentBlock, image: Media | undefined, publicUrl: string): BlockContent {
  const sizes = image?.sizes
  const url = (candidate?: null | string) => (candidate ? absoluteUrl(candidate, publicUrl) : null)
  const original = url(image?.url)
  return {
    bodyHtml: richTextToHtml(block.body as never),
    bodyText: richTextToText(block.body as never),
    cta:
      block.cta?.label && block.cta.url ? { label: block.cta.label, url: absoluteUrl(block.cta.url, publicUrl) } : null,
    fingerprint: `${block.id}@${block.updatedAt}${image ? `+${image.id}@${image.updatedAt}` : ''}`,
    id: String(block.id),
    image:
      image && original
        ? {
            alt: image.alt,
            height: sizes?.email?.height ?? image.height ?? null,
            url: url(sizes?.email?.url) ?? original,
            url2x: url(sizes?.emailRetina?.url) ?? original,
            webUrl: url(sizes?.web?.url) ?? original,
            width: sizes?.email?.width ?? image.width ?? null,
          }
        : null,
    title: block.title,
  }
}
