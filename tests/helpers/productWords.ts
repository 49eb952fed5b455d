import fs from 'node:fs'
import path from 'node:path'

import { campaignsTranslations } from '@kontorwerk/campaigns'
import { consentTranslations } from '@kontorwerk/consent'
import { leadScoringTranslations } from '@kontorwerk/lead-scoring'
import { personalizationTranslations } from '@kontorwerk/personalization'
import { segmentsTranslations } from '@kontorwerk/segments'

const PACKAGES = [
  personalizationTranslations,
  consentTranslations,
  leadScoringTranslations,
  segmentsTranslations,
  campaignsTranslations,
]

/**
 * English words a German reader sees unchanged in a German product, so they never count as
 * untranslated. Every word our German texts use (`de.ts`, the German half of `label(de, en)`) is
 * German by our own choice ("Name", "Status", "Score", "Newsletter", "E-Mail" are there) and needs no
 * entry; this list is for the rest. Keep it short: each entry hides a word from the scan.
 */
const SAME_IN_GERMAN = new Set([
  // Loanwords German marketing and IT teams use as they are (also when no German text of ours has them yet).
  'newsletter',
  'score',
  'tracking',
  'marketing',
  'leads',
  'admin',
  'start',
  'index',
  'limit',
  'session',
  'pause',
  // German words with another meaning: "also" (so), "fast" (almost), "links" (left), "alt" (old),
  // "diverse" (various; also the third gender option of German forms).
  'also',
  'fast',
  'links',
  'alt',
  'diverse',
])

/** Words of two letters or fewer say nothing about a language ("an", "in", "am"). */
const MIN_LENGTH = 3

const wordsOf = (text: string) =>
  text
    // Placeholders are filled in; their names are never shown.
    .replace(/\{\{\s*\w+\s*\}\}/g, ' ')
    .toLowerCase()
    .match(/[a-zäöüß]+(?:['’][a-z]+)?/g) ?? []

/** The reference app's own `label(de, en)` / `option(value, de, en)` texts (its collections, security refusals, seed). */
function appLabels(root: string): { de: string[]; en: string[] } {
  const files = ['src', 'collections'].flatMap((dir) =>
    fs
      .readdirSync(path.join(root, dir), { recursive: true, withFileTypes: false })
      .map((file) => path.join(root, dir, String(file)))
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.includes('payload-types')),
  )
  const literal = String.raw`(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|\x60((?:[^\x60\\]|\\.)*)\x60)`
  const call = new RegExp(String.raw`\b(?:label|option)\(\s*(?:'[^']*',\s*)?${literal},\s*${literal}`, 'g')
  const de: string[] = []
  const en: string[] = []
  for (const file of files) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(call)) {
      de.push(match[1] ?? match[2] ?? match[3] ?? '')
      en.push(match[4] ?? match[5] ?? match[6] ?? '')
    }
  }
  return { de, en }
}

/**
 * The English words of this product: every word of our English texts (the packages' `en.ts`, the
 * app's `label(de, en)`) that none of our German texts uses and that is not on SAME_IN_GERMAN.
 * A German page showing one of them shows an English text of ours (or a German one that forgot a word).
 */
export function productEnglishWords(root: string): Set<string> {
  const app = appLabels(root)
  const german = [...PACKAGES.flatMap(({ tables }) => Object.values(tables.de)), ...app.de]
  const english = [...PACKAGES.flatMap(({ tables }) => Object.values(tables.en)), ...app.en]
  const germanWords = new Set(german.flatMap(wordsOf))
  return new Set(
    english
      .flatMap(wordsOf)
      .filter((word) => word.length >= MIN_LENGTH && !germanWords.has(word) && !SAME_IN_GERMAN.has(word)),
  )
}

/**
 * Developer strings that must never reach a reader: stored keys (`repeat_customer`), slash-joined
 * ledger entries (`marketing/requested/confirmed/form`), rule paths (`rules[0]`) and camelCase
 * names (`emailClicked`).
 */
const DEVELOPER_STRING = [
  /^[a-z]+(?:_[a-z0-9]+)+$/,
  /^[a-z]+(?:\/[a-z_]+){2,}$/,
  /^[a-z]+\[\d+\]/,
  /^[a-z]+[A-Z][a-zA-Z]+$/,
  // A translation key shown as is: the text is missing.
  /^kontorwerk-[a-z-]+:\w+$/,
]

export type Finding = { reason: 'developer string' | 'English format' | 'English word'; word: string }

/** Dates and numbers written the American or English way: 10/19/2026, 3:00 PM, 12.5 %. */
const ENGLISH_FORMAT = [/\b\d{1,2}\/\d{1,2}\/\d{4}\b/g, /\b\d{1,2}:\d{2}\s?(?:AM|PM)\b/g, /\b\d+\.\d+\s?%/g]

/**
 * Every text the team wrote into the documents a view shows (titles, names, rich text; strings with a
 * space, so stored keys and option values stay in the scan): their content, in whatever language
 * they chose, is not the product's text.
 */
export function writtenTexts(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    if (/\s/.test(value.trim())) into.add(value.trim())
  } else if (Array.isArray(value)) for (const item of value) writtenTexts(item, into)
  else if (value && typeof value === 'object') for (const item of Object.values(value)) writtenTexts(item, into)
  return into
}

/** The text without the given passages (longest first, so a title does not leave half of a longer text). */
export function without(text: string, passages: Set<string>): string {
  let rest = text
  for (const passage of [...passages].sort((a, b) => b.length - a.length)) rest = rest.split(passage).join('\n')
  return rest
}

/** What in a page's visible text is English or developer text of ours, each once. */
export function untranslated(text: string, englishWords: Set<string>): Finding[] {
  const findings = new Map<string, Finding>()
  for (const pattern of ENGLISH_FORMAT)
    for (const [match] of text.matchAll(pattern)) findings.set(match, { reason: 'English format', word: match })
  for (const token of text.split(/[\s,;()«»„“"'·…]+/)) {
    const bare = token.replace(/^[.!?:]+|[.!?:]+$/g, '')
    if (DEVELOPER_STRING.some((pattern) => pattern.test(bare))) {
      findings.set(bare, { reason: 'developer string', word: bare })
      continue
    }
    // Addresses, links and slugs (`demo-request`) are data, not words of ours; paths in a description
    // (`properties.url`) and commands (`scores:recompute`) are what one types.
    if (
      /[@/]|https?:|www\./.test(bare) ||
      /^[a-z0-9]+(?:-[a-z0-9]+)+$/.test(bare) ||
      /^[a-z]+(?:[.:][a-zA-Z_]+)+$/.test(bare)
    )
      continue
    for (const word of wordsOf(bare))
      if (englishWords.has(word)) findings.set(word, { reason: 'English word', word: word })
  }
  return [...findings.values()]
}
