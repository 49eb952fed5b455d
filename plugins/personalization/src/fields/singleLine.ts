import type { FieldHook } from 'payload'

import { singleLine } from '../domain/singleLine'

/**
 * Names and titles are stored on one line (control characters become a space, ends trimmed), as the
 * sign-up form stores them: they reach mail subjects through Liquid. Cleaned rather than refused, so
 * a CRM sync or a Windows CSV with a stray "\r" still saves, and a record that holds one from before
 * can still be updated.
 */
export const keepOnOneLine: FieldHook = ({ value }) => (typeof value === 'string' ? singleLine(value).trim() : value)
