import type { BlockCandidate, SlotDefinition } from '../types'

import { type ContentLocale, DEFAULT_LOCALE, languageChain } from '../../i18n/locales'
import { isValidAt } from '../times'

export type DocumentLanguageInput = {
  /** The published blocks (the block library's candidates). */
  blocks: BlockCandidate[]
  /** The reader's locale as stored or asked for (`de-AT`, `en-GB`, `en`). */
  readerLocale: null | string | undefined
  slots: Pick<SlotDefinition, 'channel' | 'fallback'>[]
  /** When the document is read: a fallback outside its validity window does not count. */
  at: Date
  /** The content languages the document has a version in besides the default (a newsletter's translations). */
  versions: Iterable<string>
}

/**
 * The one language a document is rendered in: the first language of the reader's chain (de-AT → de
 * → default) that the document has a version in and in which every slot can be filled — a slot
 * can when its own fallback is in that language or another generic (fallback) block of its
 * channel is, valid now. Otherwise the default language: a reader gets a whole document in
 * their language or a whole one in the default language, never a mix of both.
 */
export function documentLanguage({ at, blocks, readerLocale, slots, versions }: DocumentLanguageInput): ContentLocale {
  const available = new Set(versions)
  const now = at.getTime()
  for (const language of languageChain(readerLocale)) {
    if (language === DEFAULT_LOCALE) return language
    if (!available.has(language)) continue
    const { byId, generic } = libraryIndex(blocks, language)
    const fillable = slots.every(
      (slot) =>
        byId.get(String(slot.fallback))?.locale === language ||
        (generic.get(slot.channel) ?? []).some((block) => isValidAt(block, now)),
    )
    if (fillable) return language
  }
  return DEFAULT_LOCALE
}

type LibraryIndex = { byId: Map<string, BlockCandidate>; generic: Map<string, BlockCandidate[]> }

const indexes = new WeakMap<BlockCandidate[], Map<string, LibraryIndex>>()

/**
 * The blocks by id, and the generic (fallback) blocks of a language by channel: computed once per
 * block library, so a send decides each recipient's language by looking at a handful of blocks.
 */
function libraryIndex(blocks: BlockCandidate[], language: string): LibraryIndex {
  let byLanguage = indexes.get(blocks)
  if (!byLanguage) indexes.set(blocks, (byLanguage = new Map()))
  let index = byLanguage.get(language)
  if (!index) {
    index = { byId: new Map(), generic: new Map() }
    for (const block of blocks) {
      index.byId.set(String(block.id), block)
      if (!block.isFallback || block.locale !== language) continue
      for (const channel of block.channels) index.generic.set(channel, [...(index.generic.get(channel) ?? []), block])
    }
    byLanguage.set(language, index)
  }
  return index
}
