import type { CollectionSlug, Payload } from 'payload'

/** Source collections as a cache names them, with `media` as the host calls its media collection (option mediaSlug). */
export const sourceSlugs = (slugs: string[], mediaSlug: string) =>
  slugs.map((slug) => (slug === 'media' ? mediaSlug : slug))

/**
 * What a cached value was loaded from, in a few milliseconds (perPayloadCache's `version`): each
 * source collection's count and latest change. An edit, a publication or an unpublication changes
 * `updatedAt`, an addition or deletion the count (a draft saved beside a published document changes
 * neither; the caches hold published documents).
 */
export async function sourcesVersion(payload: Payload, slugs: string[]): Promise<string> {
  const latest = await Promise.all(
    slugs.map(async (slug) => {
      const { docs, totalDocs } = await payload.find({
        collection: slug as CollectionSlug,
        depth: 0,
        limit: 1,
        select: { updatedAt: true },
        sort: '-updatedAt',
      })
      return `${slug}:${totalDocs}:${String((docs[0] as undefined | { updatedAt?: string })?.updatedAt ?? '')}`
    }),
  )
  return latest.join('|')
}
