import type { PayloadRequest } from 'payload'

import mjml2html from 'mjml'
import { textarea } from 'payload/shared'

import { localized } from '../i18n/translations'
import { MARKERS } from '../rendering/email/layouts'
import { templateProblem } from '../rendering/tokens/templateProblem'
import { message } from '../translations'

type Options = { req: Partial<Pick<PayloadRequest, 'i18n'>> }

/** What is wrong with text that may carry Liquid tokens, in the request's language, or true. */
export function liquidIsValid(value: null | string | undefined, req: Options['req']): string | true {
  const problem = templateProblem(value)
  return problem ? localized(req, problem) : true
}

type TextOptions = { maxLength?: number; minLength?: number; req: PayloadRequest; required?: boolean }

/**
 * A text or textarea field that may carry Liquid tokens. A field's `validate` replaces Payload's
 * own, so its checks (required, minimum and maximum length) run here first; then an unknown
 * variable, broken syntax, a forbidden tag or filter, or a template too costly to render is an
 * error at save time.
 */
export async function validLiquid(value: null | string | undefined, options: TextOptions): Promise<string | true> {
  const basic = await textarea(value as string, options as Parameters<typeof textarea>[1])
  return basic === true ? liquidIsValid(value, options.req) : basic
}

/** A custom MJML layout must compile in MJML's strict mode and keep the place for the sections. */
export async function validMjmlLayout(value: null | string | undefined, { req }: Options): Promise<string | true> {
  if (!value?.trim()) return true
  if (!value.includes(MARKERS.sections)) {
    return message(req, 'kontorwerk-personalization:layoutNeedsMarker', { marker: MARKERS.sections })
  }
  const liquid = liquidIsValid(value, req)
  if (liquid !== true) return liquid
  try {
    const result = await mjml2html(value.replaceAll(MARKERS.sections, ''), { validationLevel: 'strict' })
    return result.errors.length === 0
      ? true
      : `MJML: ${result.errors.map((error) => error.formattedMessage).join('; ')}`
  } catch (error) {
    return `MJML: ${(error as Error & { errors?: { formattedMessage: string }[] }).errors?.map((e) => e.formattedMessage).join('; ') ?? (error as Error).message}`
  }
}
