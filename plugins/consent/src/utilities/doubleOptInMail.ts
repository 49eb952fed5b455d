import type { Payload } from 'payload'

import mjml2html from 'mjml'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { contentLanguageOf, readMjmlFile, renderTokens } from '@kontorwerk/personalization'

const COPY = {
  de: {
    button: 'Anmeldung bestätigen',
    intro: 'bitte bestätigen Sie, dass Sie diese Newsletter von Kontorwerk erhalten möchten:',
    outro:
      'Der Link gilt 48 Stunden. Wenn Sie sich nicht angemeldet haben, ignorieren Sie diese E-Mail einfach – wir schreiben Ihnen dann nicht.',
    preview: 'Ein Klick fehlt noch.',
    subject: 'Bitte bestätigen Sie Ihre Anmeldung',
  },
  /** A brand that says "du" (Branding "Anrede der Marke") writes the whole mail that way, not only the greeting. */
  deInformal: {
    button: 'Anmeldung bestätigen',
    intro: 'bitte bestätige, dass du diese Newsletter von Kontorwerk erhalten möchtest:',
    outro:
      'Der Link gilt 48 Stunden. Wenn du dich nicht angemeldet hast, ignoriere diese E-Mail einfach – wir schreiben dir dann nicht.',
    preview: 'Ein Klick fehlt noch.',
    subject: 'Bitte bestätige deine Anmeldung',
  },
  en: {
    button: 'Confirm subscription',
    intro: 'please confirm that you would like to receive these newsletters from Kontorwerk:',
    outro:
      'The link is valid for 48 hours. If you did not sign up, simply ignore this email and we will not write to you.',
    preview: 'One click to go.',
    subject: 'Please confirm your subscription',
  },
} as const

let compiled: Promise<string> | undefined

/** The MJML template compiled once; per mail only Liquid runs. */
/** `emails/` at the package root, from src/utilities and from dist/utilities alike. */
const DOUBLE_OPT_IN_TEMPLATE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../emails/double-opt-in.mjml',
)
const template = () =>
  (compiled ??= mjml2html(readMjmlFile(DOUBLE_OPT_IN_TEMPLATE), { validationLevel: 'strict' }).then(
    (result) => result.html,
  ))

/** `locale`: the reader's (de-AT); the mail is written in its language, in the brand's form of address. */
export type DoubleOptInMail = {
  addressForm: 'formal' | 'informal'
  confirmUrl: string
  locale: string
  salutation: string
  to: string
  topics: string[]
}

export async function sendDoubleOptInMail(payload: Payload, mail: DoubleOptInMail): Promise<void> {
  const locale = contentLanguageOf(mail.locale)
  const copy = COPY[locale === 'de' && mail.addressForm === 'informal' ? 'deInformal' : locale]
  const scope = { ...copy, confirm_url: mail.confirmUrl, locale, salutation: mail.salutation, topics: mail.topics }
  const text = [
    `${mail.salutation},`,
    copy.intro,
    mail.topics.map((topic) => `• ${topic}`).join('\n'),
    `${copy.button}: ${mail.confirmUrl}`,
    copy.outro,
  ].join('\n\n')
  await payload.sendEmail({
    html: renderTokens(await template(), scope, 'html'),
    subject: copy.subject,
    text,
    to: mail.to,
  })
}
