import type { Endpoint, PayloadRequest } from 'payload'

import { CodedError, contentLanguageOf, DEFAULT_LOCALE, personalizedLandingPage } from '@kontorwerk/personalization'

import { landingPage, landingPageBadLink, landingPageNotFound } from '../pages/landingPage'
import { heldBackWithoutLegalLinks, pageResponse, queryValue } from './http'

/** An anonymous visitor's context from the link (`?interest=a&interest=b&persona=…&region=…&stage=…`). */
function anonymousContext(req: PayloadRequest) {
  const interests = req.searchParams
    .getAll('interest')
    .flatMap((value) => value.split(','))
    .map((interest) => interest.trim())
    .filter(Boolean)
    .slice(0, 20)
    .map((interest) => ({ interest }))
  const persona = queryValue(req, 'persona') || null
  const region = queryValue(req, 'region') || null
  const stage = queryValue(req, 'stage') || null
  return interests.length || persona || region || stage ? { interests, persona, region, stage } : null
}

/** The page assembled once, by the core (the same assembly GraphQL answers `personalizedLandingPage` with). */
const assemble = (req: PayloadRequest, slug: string, token: null | string) =>
  personalizedLandingPage(req, { context: token ? null : anonymousContext(req), slug, token })

/**
 * GET (and HEAD) /p/:slug: a landing page as a page a link can open, personalized for the reader of
 * the signed `?token=` a mail's link carries (every /p/ link of a campaign mail gets one), or for the
 * context the link names, or neutral. A link that has expired or was forwarded after an erasure
 * still opens the page, neutral: a landing page shows nothing personal a stranger could misuse.
 */
const show = async (req: PayloadRequest) => {
  const slug = String(req.routeParams?.slug ?? '')
  const token = queryValue(req, 'token') || null
  try {
    const assembled = await assemble(req, slug, token).catch((error: unknown) => {
      if (token && error instanceof CodedError && error.code === 'INVALID_TOKEN') return assemble(req, slug, null)
      throw error
    })
    const lang = contentLanguageOf(assembled.locale)
    return pageResponse(
      req,
      200,
      landingPage({ lang }, assembled),
      assembled.noIndex ? { 'X-Robots-Tag': 'noindex' } : {},
    )
  } catch (error) {
    const lang = contentLanguageOf(DEFAULT_LOCALE)
    if (error instanceof CodedError && error.code === 'NOT_FOUND')
      return pageResponse(req, 404, landingPageNotFound({ lang }))
    if (error instanceof CodedError && error.code === 'BAD_USER_INPUT')
      return pageResponse(req, 400, landingPageBadLink({ lang }))
    throw error
  }
}

export const landingPageEndpoints: Endpoint[] = [
  { handler: heldBackWithoutLegalLinks(show), method: 'get', path: '/p/:slug' },
]
