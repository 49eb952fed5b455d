import type { Payload, PayloadRequest } from 'payload'

import type { LandingPage, Newsletter, RecommendationSlotRow, Subscriber } from '../documents'
import type {
  AssembledSlot,
  Choice,
  EngineSettings,
  PersonalizationContext,
  RankingStrategy,
  SlotDefinition,
  SlotMatch,
} from './types'

import { hasRole } from '../access/roles'
import { CHANNELS } from '../domain/channels'
import { CodedError } from '../errors'
import { extensionsOf, personalizationOptions } from '../extensions'
import { CONTENT_LOCALES, DEFAULT_LOCALE, readerLocaleList, readerLocaleOf } from '../i18n/locales'
import { documentRecommendations, type RecommendationResult } from '../products/recommendations/recommendations'
import { RECOMMENDATION_STRATEGIES } from '../products/recommendations/strategies'
import {
  compileNewsletter,
  newsletterIn,
  newsletterLanguages,
  personalizeNewsletter,
  type RenderedNewsletter,
} from '../rendering/email/renderNewsletter'
import { absoluteUrl } from '../rendering/html'
import { blockHtml, landingPageHtml, type LandingSection } from '../rendering/landing/renderLandingPage'
import { renderTokens, type TokenContext, tokenContext } from '../rendering/tokens/liquid'
import { type LinkSubject } from '../security/linkKey'
import { type Signer } from '../security/signing'
import { subscriberOfClaims, withoutLinkKey } from '../security/subscriberForLink'
import { readSubscriberToken, signSubscriberToken, TokenError } from '../security/subscriberToken'
import { relationKey, relationKeys } from '../utilities/relation'
import { isVisitorId } from '../visitors/visitorId'
import { visitorInterests } from '../visitors/visitorInterests'
import { assemble, MissingFallbackError, type PinnedBlock } from './assembly/assemble'
import { sharedAssembly } from './assembly/sharedAssembly'
import { type BlockContent, blockLibrary, type BlockLibrary } from './blockLibrary'
import { NO_BEHAVIOUR, readBehaviour } from './context/behaviour'
import {
  type AnonymousContextInput,
  contextFromAnonymous,
  subscriberContext,
  UnknownReferenceError,
} from './context/buildContext'
import { documentLanguage } from './context/documentLanguage'
import { requireSegments, segmentMemberships } from './context/segmentMemberships'
import { landingPageBySlug } from './landingPageLibrary'

/** The engine's settings: the default locale and the core's guard options. */
export const engineSettings = (payload: Pick<Payload, 'config'>): EngineSettings => ({
  defaultLocale: DEFAULT_LOCALE,
  discountGuardDays: personalizationOptions(payload).discountGuardDays,
})

/** Who the document is for: a subscriber (by id for staff and API keys, by signed token for the public) or an anonymous context. */
export type ReaderInput = {
  context?: AnonymousContextInput | null
  subscriber?: null | number | string
  token?: null | string
  /** An anonymous visitor's id (browser SDK): their page views and clicks add interests to `context`. */
  visitor?: null | string
}

type Reader = { context: PersonalizationContext; tokens: TokenContext }
/** A reader before the document's language is chosen; `profile.locale` is the reader's own locale (`de-AT`). */
type ResolvedReader = { context: PersonalizationContext; profile: Parameters<typeof tokenContext>[0] }

/** A document's recommendation slots (the host's generated types may not list the field yet). */
const recommendationRowsOf = (doc: object) =>
  (doc as { recommendationSlots?: null | RecommendationSlotRow[] }).recommendationSlots

/** The subscriber's id, or null for an anonymous reader (whose profile is only a locale). */
const subscriberIdOf = ({ profile }: ResolvedReader) =>
  'id' in profile && profile.id != null ? String(profile.id) : null

/** The reader of a document in `language`: the engine assembles in it, the salutation is written in it. */
const readerIn = ({ context, profile }: ResolvedReader, language: string): Reader => ({
  context: { ...context, locale: language },
  tokens: tokenContext(profile, language),
})

export function parseAt(at: null | string | undefined): Date {
  if (at == null) return new Date()
  const date = new Date(at)
  if (Number.isNaN(date.getTime())) throw new CodedError('BAD_USER_INPUT', `"at" is not a date-time: ${at}`)
  // Databases store years 0001–9999 (PostgreSQL fails outside); render times are in this range anyway.
  if (date.getUTCFullYear() < 1970 || date.getUTCFullYear() > 9999)
    throw new CodedError('BAD_USER_INPUT', `"at" must be between 1970 and 9999: ${at}`)
  return date
}

/** A public link token for personalized pages, e.g. from a newsletter's link (default: 30 days). */
export const personalizationToken = (signer: Signer, subscriber: LinkSubject, ttlSeconds = 30 * 24 * 3600) =>
  signSubscriberToken(signer, subscriber, 'personalize', ttlSeconds)

async function loadSubscriber(req: PayloadRequest, input: ReaderInput): Promise<null | Subscriber> {
  const { payload } = req
  if (input.subscriber != null) {
    if (!req.user) throw new CodedError('UNAUTHENTICATED', 'Querying by subscriber id needs an admin login or API key')
    if (!hasRole(req, 'admin')) throw new CodedError('FORBIDDEN', 'Only admins and API keys may query by subscriber id')
    const id = String(input.subscriber)
    const wellFormed = payload.db.defaultIDType === 'number' ? /^\d{1,15}$/.test(id) : /^[a-f\d]{24}$/i.test(id)
    if (!wellFormed) throw new CodedError('BAD_USER_INPUT', `"${id}" is not a subscriber id`)
    const subscriber = await payload
      .findByID({ id, collection: 'subscribers', depth: 0, disableErrors: true })
      .catch(() => null)
    if (!subscriber) throw new CodedError('NOT_FOUND', `Subscriber ${id} not found`)
    return subscriber
  }
  if (input.token == null) return null
  let claims
  try {
    claims = readSubscriberToken(payload, input.token, 'personalize')
  } catch (error) {
    if (error instanceof TokenError) throw new CodedError('INVALID_TOKEN', error.message)
    throw error
  }
  // An erased person's link (or one whose id came back for someone else) is as invalid as a forged one.
  const subscriber = await subscriberOfClaims(payload, claims).catch(() => null)
  if (!subscriber) throw new CodedError('INVALID_TOKEN', 'The link is not valid')
  return withoutLinkKey(subscriber) as Subscriber
}

/** The segments the slots name, to ask the reader's membership of. */
export const namedSegments = (slots: Pick<SlotDefinition, 'segments'>[]) => [
  ...new Set(slots.flatMap((slot) => (slot.segments ?? []).map(String))),
]

async function resolveReader(
  req: PayloadRequest,
  input: ReaderInput,
  library: BlockLibrary,
  at: Date,
  skipRecentSends: number,
  segments: string[],
): Promise<ResolvedReader> {
  const locale = input.context?.locale ? readerLocaleOf(input.context.locale) : null
  if (input.context?.locale && !locale)
    throw new CodedError(
      'BAD_USER_INPUT',
      `Unsupported locale "${input.context.locale}"; use one of ${readerLocaleList()}`,
    )
  const subscriber = await loadSubscriber(req, input)
  if (subscriber) {
    const id = String(subscriber.id)
    const [implicitHalfLifeDays, memberships, behaviour] = await Promise.all([
      extensionsOf(req.payload).halfLives?.implicitInterestDays(req.payload),
      segmentMemberships(req.payload, [id], segments, at, req),
      readBehaviour(req.payload, [id], library.taxonomy.customerStageIds, at),
    ])
    const sends = (subscriber.sendHistory ?? []).map((send) => relationKeys(send.blocks))
    const personaFits = extensionsOf(req.payload).leadScores?.personaFitsOf(subscriber)
    const context = subscriberContext(subscriber, library.taxonomy, at, {
      behaviour: behaviour.get(id) ?? NO_BEHAVIOUR,
      implicitHalfLifeDays,
      personaFits,
      segments: memberships.get(id) ?? new Set(),
      sends,
      skipRecentSends,
    })
    return { context, profile: subscriber }
  }
  if (input.visitor != null && !isVisitorId(input.visitor))
    throw new CodedError('BAD_USER_INPUT', '"visitor" must be the random id the browser SDK made (a UUID v4)')
  const seen = input.visitor ? await visitorInterests(req.payload, input.visitor, library, at) : []
  try {
    const context = contextFromAnonymous({ ...input.context, locale }, library.taxonomy, at, seen)
    // Anonymous readers get neutral tokens: nothing about any profile leaks.
    return { context, profile: { locale } }
  } catch (error) {
    if (error instanceof UnknownReferenceError) throw new CodedError('BAD_USER_INPUT', error.message)
    throw error
  }
}

export function slotDefinitions(slots: Newsletter['slots'] | LandingPage['slots']): SlotDefinition[] {
  return slots.map((slot) => ({
    channel: slot.channel,
    count: slot.count,
    fallback: relationKey(slot.fallback) ?? '',
    goals: slot.goals ?? [],
    interests: relationKeys(slot.interests),
    key: slot.key,
    label: slot.label,
    match: slot.match ?? 'all',
    segments: relationKeys((slot as { segments?: Parameters<typeof relationKeys>[0] }).segments),
    strategy: slot.strategy as RankingStrategy,
  }))
}

export function fill(
  library: BlockLibrary,
  reader: Pick<Reader, 'context'>,
  slots: SlotDefinition[],
  settings: EngineSettings,
  pinned?: null | PinnedBlock,
): AssembledSlot[] {
  try {
    return assemble({
      blocks: library.candidates,
      context: reader.context,
      interestAncestors: library.taxonomy.interestAncestors,
      pinned,
      settings,
      slots,
    })
  } catch (error) {
    if (error instanceof MissingFallbackError) throw new CodedError('FAILED_PRECONDITION', error.message)
    throw error
  }
}

/** `fill` for the public reads, shared by readers of the same context for a few seconds (sharedAssembly). */
function fillShared(
  payload: Pick<Payload, 'config'>,
  library: BlockLibrary,
  reader: Pick<Reader, 'context'>,
  slots: SlotDefinition[],
): AssembledSlot[] {
  const settings = engineSettings(payload)
  return sharedAssembly(library, reader.context, slots, settings, () => fill(library, reader, slots, settings))
}

async function newsletterBySlug(payload: Payload, slug: string) {
  const { docs } = await payload.find({
    collection: 'newsletters',
    depth: 1,
    limit: 1,
    where: { slug: { equals: slug } },
  })
  if (!docs[0]) throw new CodedError('NOT_FOUND', `No newsletter "${slug}"`)
  return docs[0]
}

export type PersonalizedBlockResult = BlockContent & { html: string; reason: Choice['reason'] }
export type PersonalizedSlotResult = { blocks: PersonalizedBlockResult[]; key: string; label: string }

/** A chosen block with its tokens rendered for the reader. */
function personalizeBlock(content: BlockContent, choice: Choice, tokens: TokenContext): PersonalizedBlockResult {
  return {
    ...content,
    bodyHtml: renderTokens(content.bodyHtml, tokens, 'html'),
    bodyText: renderTokens(content.bodyText, tokens, 'text'),
    cta: content.cta && {
      label: renderTokens(content.cta.label, tokens, 'text'),
      url: renderTokens(content.cta.url, tokens, 'text'),
    },
    html: blockHtml(content, tokens),
    reason: choice.reason,
    title: renderTokens(content.title, tokens, 'text'),
  }
}

/** Reasons name interests and personas by slug, as editors and frontends know them. */
function readableReason(library: BlockLibrary, reason: Choice['reason']): Choice['reason'] {
  const { interestSlugById, personaSlugById } = library.taxonomy
  return {
    ...reason,
    matchedInterests: reason.matchedInterests.map((id) => interestSlugById.get(id) ?? id),
    matchedPersona: reason.matchedPersona && (personaSlugById.get(reason.matchedPersona) ?? reason.matchedPersona),
  }
}

const slotResults = (library: BlockLibrary, slots: AssembledSlot[], tokens: TokenContext): PersonalizedSlotResult[] =>
  slots.map((slot) => ({
    blocks: slot.choices.map((choice) =>
      personalizeBlock(
        library.content.get(String(choice.block.id))!,
        { ...choice, reason: readableReason(library, choice.reason) },
        tokens,
      ),
    ),
    key: slot.key,
    label: slot.label,
  }))

export async function personalizedNewsletter(
  req: PayloadRequest,
  { at, newsletter: slug, ...input }: ReaderInput & { at?: null | string; newsletter: string },
): Promise<RenderedNewsletter & { recommendations: RecommendationResult[]; slots: PersonalizedSlotResult[] }> {
  const when = parseAt(at)
  const [newsletter, library] = await Promise.all([newsletterBySlug(req.payload, slug), blockLibrary(req.payload)])
  const definitions = slotDefinitions(newsletter.slots)
  const resolved = await resolveReader(
    req,
    input,
    library,
    when,
    newsletter.skipRecentSends ?? 0,
    namedSegments(definitions),
  )
  const language = documentLanguage({
    at: when,
    blocks: library.candidates,
    readerLocale: resolved.profile.locale,
    slots: definitions,
    versions: newsletterLanguages(newsletter),
  })
  const reader = readerIn(resolved, language)
  const slots = fill(library, reader, definitions, engineSettings(req.payload))
  const recommendations = await documentRecommendations(req, {
    at: when,
    context: reader.context,
    language,
    readerLocale: resolved.profile.locale,
    rows: recommendationRowsOf(newsletter),
    subscriber: subscriberIdOf(resolved),
    taxonomy: library.taxonomy,
  })
  const source = newsletterIn(newsletter, language)
  const template = await compileNewsletter(source, slots, library.content, recommendations.emailSections)
  return {
    ...personalizeNewsletter(source, template, reader.tokens),
    recommendations: recommendations.results,
    slots: slotResults(library, slots, reader.tokens),
  }
}

export async function personalizedLandingPage(
  req: PayloadRequest,
  { at, slug, ...input }: ReaderInput & { at?: null | string; slug: string },
) {
  const when = parseAt(at)
  const [page, library] = await Promise.all([landingPageBySlug(req.payload, slug), blockLibrary(req.payload)])
  const definitions = slotDefinitions(page.slots)
  // A landing page has one version, the default language's (its hero): the whole page is in it.
  const resolved = await resolveReader(req, input, library, when, 0, namedSegments(definitions))
  const reader = readerIn(resolved, DEFAULT_LOCALE)
  const slots = fillShared(req.payload, library, reader, definitions)
  const recommendations = await documentRecommendations(req, {
    at: when,
    context: reader.context,
    language: DEFAULT_LOCALE,
    readerLocale: resolved.profile.locale,
    rows: recommendationRowsOf(page),
    subscriber: subscriberIdOf(resolved),
    taxonomy: library.taxonomy,
  })
  const sections: LandingSection[] = slots.map((slot) => ({
    blocks: slot.choices.map((choice) => library.content.get(String(choice.block.id))!),
    key: slot.key,
    label: slot.label,
  }))
  const heroImage = page.hero.image && typeof page.hero.image === 'object' ? page.hero.image : null
  const source = {
    hero: {
      headline: page.hero.headline,
      image: heroImage?.url
        ? {
            alt: heroImage.alt,
            url: absoluteUrl(heroImage.sizes?.web?.url ?? heroImage.url, personalizationOptions(req.payload).publicUrl),
          }
        : null,
      subline: page.hero.subline,
    },
    seo: page.seo,
    slug: page.slug,
    title: page.title,
  }
  return {
    headline: renderTokens(page.hero.headline, reader.tokens, 'text'),
    /** The hero image, absolute (the public landing page route shows it above the headline). */
    heroImage: source.hero.image,
    html: landingPageHtml(source, sections, reader.tokens, reader.context.locale, recommendations.html),
    locale: reader.context.locale,
    noIndex: Boolean(page.seo?.noIndex),
    recommendations: recommendations.results,
    sections: slotResults(library, slots, reader.tokens),
    seoDescription: page.seo?.description ?? null,
    seoTitle: page.seo?.title || page.title,
    slug: page.slug,
    subline: page.hero.subline ? renderTokens(page.hero.subline, reader.tokens, 'text') : null,
    title: page.title,
  }
}

export type RecommendationFilterInput = {
  /** Interest slugs (sub-interests included). */
  categories?: null | string[]
  strategy: string
}

/**
 * Product recommendations for frontends that render themselves: one ad-hoc recommendation slot in
 * the reader's content language, with the same strategies, exclusions and reasons as a document's.
 */
export async function personalizedRecommendations(
  req: PayloadRequest,
  {
    at,
    filter,
    limit,
    ...input
  }: ReaderInput & { at?: null | string; filter: RecommendationFilterInput; limit?: null | number },
): Promise<RecommendationResult> {
  const when = parseAt(at)
  if (!(RECOMMENDATION_STRATEGIES as readonly string[]).includes(filter.strategy))
    throw new CodedError(
      'BAD_USER_INPUT',
      `Unknown strategy "${filter.strategy}"; use ${RECOMMENDATION_STRATEGIES.join(', ')}`,
    )
  const count = limit ?? 4
  if (!Number.isInteger(count) || count < 1 || count > 12)
    throw new CodedError('BAD_USER_INPUT', '"limit" must be between 1 and 12')
  const library = await blockLibrary(req.payload)
  const categories = (filter.categories ?? []).map((slug) => {
    const id = library.taxonomy.interestIdBySlug.get(slug)
    if (!id) throw new CodedError('BAD_USER_INPUT', `Unknown interest "${slug}"`)
    return id
  })
  const resolved = await resolveReader(req, input, library, when, 0, [])
  const slot = { categories, count, heading: '', key: 'recommendations', strategy: filter.strategy as never }
  const { results } = await documentRecommendations(req, {
    at: when,
    context: resolved.context,
    language: resolved.context.locale,
    readerLocale: resolved.profile.locale,
    rows: [slot],
    subscriber: subscriberIdOf(resolved),
    taxonomy: library.taxonomy,
  })
  return results[0] ?? { heading: '', key: slot.key, products: [], strategy: filter.strategy }
}

export type BlockFilterInput = {
  channel: string
  goals?: null | string[]
  interests?: null | string[]
  match?: null | string
  segments?: null | string[]
  strategy?: null | string
}

/** Ranked blocks for frontends that render themselves: one ad-hoc slot without fallback. */
export async function personalizedBlocks(
  req: PayloadRequest,
  {
    at,
    filter,
    limit,
    ...input
  }: ReaderInput & { at?: null | string; filter: BlockFilterInput; limit?: null | number },
): Promise<PersonalizedBlockResult[]> {
  const when = parseAt(at)
  if (!(CHANNELS as readonly string[]).includes(filter.channel))
    throw new CodedError('BAD_USER_INPUT', `Unknown channel "${filter.channel}"`)
  const count = limit ?? 3
  if (!Number.isInteger(count) || count < 1 || count > 20)
    throw new CodedError('BAD_USER_INPUT', '"limit" must be between 1 and 20')
  const library = await blockLibrary(req.payload)
  const segments = (filter.segments ?? []).map(String)
  await requireSegments(req, segments)
  const resolved = await resolveReader(req, input, library, when, 0, segments)
  const interests = (filter.interests ?? []).map((slug) => {
    const id = library.taxonomy.interestIdBySlug.get(slug)
    if (!id) throw new CodedError('BAD_USER_INPUT', `Unknown interest "${slug}"`)
    return id
  })
  const strategy = (filter.strategy ?? 'relevance') as RankingStrategy
  if (!['freshness', 'priority', 'relevance'].includes(strategy))
    throw new CodedError('BAD_USER_INPUT', `Unknown strategy "${strategy}"`)
  const match = (filter.match ?? 'all') as SlotMatch
  if (!['all', 'interestsOrRegion'].includes(match))
    throw new CodedError('BAD_USER_INPUT', `Unknown match "${match}"; use all or interestsOrRegion`)
  // No document, no versions: ranked in the first language of the reader's chain with a generic block of the channel.
  const channelSlot = { channel: filter.channel as SlotDefinition['channel'], fallback: '' }
  const reader = readerIn(
    resolved,
    documentLanguage({
      at: when,
      blocks: library.candidates,
      readerLocale: resolved.profile.locale,
      slots: [channelSlot],
      versions: CONTENT_LOCALES.map(({ code }) => code),
    }),
  )
  const fallback =
    library.candidates.find(
      (block) =>
        block.isFallback && block.channels.includes(filter.channel as never) && block.locale === reader.context.locale,
    ) ?? library.candidates.find((block) => block.isFallback && block.channels.includes(filter.channel as never))
  const slot: SlotDefinition = {
    channel: filter.channel as SlotDefinition['channel'],
    count,
    fallback: fallback?.id ?? '',
    goals: (filter.goals ?? []) as SlotDefinition['goals'],
    interests,
    key: 'blocks',
    label: 'Blocks',
    match,
    segments,
    strategy,
  }
  const [result] = fillShared(req.payload, library, reader, [slot])
  return slotResults(library, [result], reader.tokens)[0].blocks
}
