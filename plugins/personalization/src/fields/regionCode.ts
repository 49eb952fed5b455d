import type { FieldHook, TextFieldSingleValidation } from 'payload'

import { isRegionCode, normalizeRegionCode } from '../domain/regions'
import { message } from '../translations'

/**
 * Codes are stored upper case, so `at-9` typed by an editor or sent by a frontend matches `AT-9`.
 * An unchanged value is left alone: a region stored as free text before codes were required
 * ("Bayern") stays as it was until someone edits it.
 */
export const upperCaseRegionCode: FieldHook = ({ previousValue, value }) =>
  typeof value === 'string' && value !== previousValue ? normalizeRegionCode(value) || null : value

/** A country like `AT` or a subdivision like `DE-BY`; free text such as "Bayern" would match no block region. */
export const validRegionCode: TextFieldSingleValidation = (value, { previousValue, req }) =>
  !value ||
  isRegionCode(value) ||
  // Tolerated only while untouched, so updates by scoring, consent or imports never fail on old data.
  value === previousValue ||
  message(req, 'kontorwerk-personalization:regionCodeInvalid')
