import type { FieldHook, TextField } from 'payload'

import { message, translated } from '../translations'

const UMLAUTS: Record<string, string> = { ß: 'ss', ä: 'ae', ö: 'oe', ü: 'ue' }

export function slugify(value: string): string {
  return value
    .toLowerCase()
    .replace(/[äöüß]/g, (c) => UMLAUTS[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

const SLUG_PATTERN = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/

/** A unique, URL-safe key; derived from `from` when left empty. */
export function slugField(from: string, name = 'slug'): TextField {
  const fillFromSource: FieldHook = ({ data, value }) =>
    value ? value : typeof data?.[from] === 'string' ? slugify(data[from]) : value

  return {
    name,
    type: 'text',
    admin: { description: translated('kontorwerk-personalization:slugDescription'), position: 'sidebar' },
    hooks: { beforeValidate: [fillFromSource] },
    index: true,
    label: translated('kontorwerk-personalization:slug'),
    required: true,
    unique: true,
    validate: (value: null | string | undefined, { req }) =>
      !value || SLUG_PATTERN.test(value) || message(req, 'kontorwerk-personalization:slugPattern'),
  }
}
