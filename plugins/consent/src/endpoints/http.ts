import type { PayloadHandler, PayloadRequest } from 'payload'

import {
  CodedError,
  contentLanguageOf,
  personalizationOptions,
  problemResponse,
  readBody,
} from '@kontorwerk/personalization'

import { loadBrand } from '../globals/Branding'
import { legalLinksMissingPage } from '../pages/legalLinksMissing'
import { applyBrand, type PageContext } from '../pages/page'
import { consentOptions } from '../utilities/options'

/** A form's fields (urlencoded from a browser, or a JSON object); repeated fields are lists. */
export type Form = Record<string, unknown>

/** A form is small: 20 kB leave room for every field and a long topic list, and no more. */
const FORM_LIMIT = 20 * 1024

/**
 * Every page carries a personal token in its URL or its form: never cached, the URL never sent on
 * as a referrer, never framed (no other site can lay "unsubscribe" under a decoy button).
 */
const PAGE_HEADERS = {
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "frame-ancestors 'none'",
  'Content-Type': 'text/html; charset=utf-8',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
}

/** The operator's code in the log when production holds the public pages back (docs/plugins/consent.md#rechtliche-links). */
export const LEGAL_LINKS_MISSING = 'LEGAL_LINKS_MISSING'

/**
 * With the option `legalLinksRequired`, the pages that take consent or show content (sign-up, its
 * confirmation, landing pages) are held back until the brand names its privacy policy and imprint:
 * the reader gets a 503 page, the operator a coded line in the log. Checked before the handler
 * runs, so a held-back request changes nothing. Unsubscribing, the preference center and the
 * data pages are never held back: a person's rights do not wait for the operator's setup.
 */
export const heldBackWithoutLegalLinks =
  (handler: PayloadHandler): PayloadHandler =>
  async (req) => {
    if (!consentOptions(req.payload).legalLinksRequired) return handler(req)
    const brand = await loadBrand(req.payload)
    if (brand.privacyUrl && brand.imprintUrl) return handler(req)
    req.payload.logger.error({
      code: LEGAL_LINKS_MISSING,
      msg: `${LEGAL_LINKS_MISSING}: sign-up and landing pages are held back until the Branding global sets privacyUrl and imprintUrl`,
    })
    return new Response(bodyFor(req, applyBrand(legalLinksMissingPage(LEGAL_LINKS_MISSING), brand)), {
      headers: { ...PAGE_HEADERS, 'Retry-After': '3600' },
      status: 503,
    })
  }

/** A page in the brand of the Branding global (pages are written once, branded per response). */
export async function pageResponse(
  req: PayloadRequest,
  status: number,
  html: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const brand = await loadBrand(req.payload)
  return new Response(bodyFor(req, applyBrand(html, brand)), { headers: { ...PAGE_HEADERS, ...headers }, status })
}

/** HEAD answers like GET, without the body. */
const bodyFor = (req: PayloadRequest, html: string) => (req.method === 'HEAD' ? null : html)

/** A redirect between pages (after a form is saved, the page shows the result: reloading it posts nothing again). */
export const redirectResponse = (location: string) =>
  new Response(null, {
    headers: { 'Cache-Control': 'no-store', Location: location, 'Referrer-Policy': 'no-referrer' },
    status: 303,
  })

/** The posted form. Too large or not a form: a coded 4xx (see `answeringBadInput`), before anything is done. */
export async function readForm(req: PayloadRequest): Promise<Form> {
  const body = await readBody(req, FORM_LIMIT)
  if (body === undefined) return {}
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new CodedError('MALFORMED_JSON', 'The body is not a JSON object of form fields')
  return body as Form
}

/** A field that may come once or repeated (checkboxes), as a list of strings. */
export const list = (value: unknown) => [value ?? []].flat().map(String)

/** One value of the query string ('' when missing). */
export const queryValue = (req: PayloadRequest, name: string) => req.searchParams.get(name) ?? ''

/**
 * What the answer's pages are written for: the language (`?lang=`, else the form's `lang`, else the
 * locale of the subscriber the page is for; along the reader's chain, so `de-AT` reads German and
 * anything unknown the default language) and the path of the option `pagesUrl`, which their links start with.
 */
export function pageContext(req: PayloadRequest, form: Form = {}, readerLocale?: null | string): PageContext {
  const asked = req.searchParams.get('lang') ?? form.lang
  const lang = contentLanguageOf(typeof asked === 'string' && asked ? asked : readerLocale)
  return {
    lang,
    locale: typeof asked === 'string' && asked ? asked.slice(0, 35) : undefined,
    pages: new URL(personalizationOptions(req.payload).pagesUrl).pathname.replace(/\/+$/, ''),
  }
}

/** Bad input is the client's: a coded answer (`{ error: { code, message } }`), not an error in the log. */
export const answeringBadInput =
  (handler: PayloadHandler): PayloadHandler =>
  async (req) => {
    try {
      return await handler(req)
    } catch (error) {
      if (error instanceof CodedError) return problemResponse(error.status, error.code, error.message)
      throw error
    }
  }
