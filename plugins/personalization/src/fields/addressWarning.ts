import type { FieldHook, TextareaField } from 'payload'

import { message, translated } from '../translations'

/** A subject or preheader that speaks to the reader by first name. */
const FIRST_NAME = /\bsubscriber\s*\.\s*first_name\b/

type SubjectLines = {
  preheader?: null | string
  subject?: null | string
  translations?: null | { preheader?: null | string; subject?: null | string }[]
}

/** The subject lines of every language of the newsletter that use the first name. */
export const firstNameLines = (doc: SubjectLines): string[] =>
  [doc, ...(doc.translations ?? [])]
    .flatMap((version) => [version.subject, version.preheader])
    .filter((line): line is string => typeof line === 'string' && FIRST_NAME.test(line))

/**
 * The warning, when a subject line uses the first name and formal readers ("Sie") exist: the mail
 * would say "Mehmet, drei Tipps …" above "Sehr geehrter Herr Yilmaz". Counted when read, like a
 * segment's member count: it is there after every save and whenever the newsletter is opened, never stale.
 */
const warnAboutFirstName: FieldHook = async ({ data, originalDoc, req }) => {
  const doc = (data ?? originalDoc ?? {}) as SubjectLines
  // Only for people who edit (a campaign's send reads newsletters too, and needs no warning).
  if (!req.user || firstNameLines(doc).length === 0) return null
  const { totalDocs } = await req.payload.count({
    collection: 'subscribers',
    req,
    where: { addressForm: { not_equals: 'informal' } },
  })
  return totalDocs > 0
    ? message(req, 'kontorwerk-personalization:firstNameForFormalReaders', { count: totalDocs })
    : null
}

/**
 * Not a validation error: an editor may mean it (a newsletter only informal readers get). Shown read-only
 * under the preheader, only when there is something to say.
 */
export const addressWarningField: TextareaField = {
  name: 'addressWarning',
  type: 'textarea',
  access: { create: () => false, update: () => false },
  admin: {
    condition: (data) => Boolean(data?.addressWarning),
    description: translated('kontorwerk-personalization:addressWarningDescription'),
    readOnly: true,
  },
  hooks: { afterRead: [warnAboutFirstName] },
  label: translated('kontorwerk-personalization:addressWarning'),
  virtual: true,
}
