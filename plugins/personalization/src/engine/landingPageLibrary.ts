import type { Payload } from 'payload'

import { CodedError } from '../errors'
import { personalizationOptions } from '../extensions'
import { perPayloadCache } from '../utilities/perPayloadCache'
import { sourceSlugs, sourcesVersion } from '../utilities/sourcesVersion'

/**
 * What a cached page is read from at depth 1: the page, its hero image, and the interests and
 * fallback blocks its slots name (deleting one removes or empties the page's reference without
 * changing the page's `updatedAt`).
 */
export const LANDING_PAGE_SOURCES = ['landing-pages', 'media', 'interests', 'content-blocks']

/** Other processes' edits show after this long, this process's own at once (hooks), as for blocks. */
const MAX_AGE_MS = 10_000

async function loadLandingPages(payload: Payload) {
  const { docs } = await payload.find({ collection: 'landing-pages', depth: 1, limit: 0, pagination: false })
  return new Map(docs.map((page) => [page.slug, page]))
}

/**
 * Landing pages by slug with their hero images, held in memory: a page view's only reads are the
 * reader's own (the page is the same for everyone, and was read from the database per view).
 */
const landingPages = perPayloadCache('personalization:landingPages', loadLandingPages, MAX_AGE_MS, {
  version: (payload) =>
    sourcesVersion(payload, sourceSlugs(LANDING_PAGE_SOURCES, personalizationOptions(payload).mediaSlug)),
})

/** Hooks for every collection in LANDING_PAGE_SOURCES. */
export const invalidatesLandingPages = landingPages.hooks

export async function landingPageBySlug(payload: Payload, slug: string) {
  const page = (await landingPages.get(payload)).get(slug)
  if (!page) throw new CodedError('NOT_FOUND', `No landing page "${slug}"`)
  return page
}
