import type { CollectionSlug, Payload } from 'payload'

import type { Region } from '../documents'

import { REGIONS } from '../collections/Regions'
import { isRegionCode, normalizeRegionCode } from '../domain/regions'

/**
 * A region code for what a reader typed: an ISO code (`de-by`), or the name of one of the
 * editors' regions ("Bayern"), compared without case. `null` when it is neither, so the caller
 * can ask again instead of storing text no block region would ever match.
 */
export async function regionFromText(payload: Payload, text: string): Promise<null | string> {
  const code = normalizeRegionCode(text)
  if (isRegionCode(code)) return code
  const { docs } = await payload.find({
    collection: REGIONS as CollectionSlug,
    depth: 0,
    limit: 0,
    pagination: false,
    select: { code: true, name: true } as never,
  })
  const wanted = text.trim().toLocaleLowerCase('de')
  const region = (docs as unknown as Region[]).find((doc) => doc.name.toLocaleLowerCase('de') === wanted)
  return region?.code ?? null
}
