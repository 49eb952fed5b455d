import { escapeHtml } from '@kontorwerk/personalization'

import { page, type PageContext, PRIVACY_LINK } from './page'

export type TopicChoice = { description?: null | string; name: string; slug: string }

export const CONSENT_TEXT_VERSION = 'newsletter-2026-01'

const CONSENT_TEXT = {
  de: `Ich möchte die gewählten Newsletter per E-Mail erhalten. Meine Einwilligung kann ich jederzeit über den Abmeldelink in jeder E-Mail oder im Präferenzcenter widerrufen. Hinweise zum Datenschutz finden Sie in unserer ${PRIVACY_LINK.start}Datenschutzerklärung${PRIVACY_LINK.end}.`,
  en: `I would like to receive the chosen newsletters by email. I can withdraw my consent at any time with the unsubscribe link in every email or in the preference center. See our ${PRIVACY_LINK.start}privacy policy${PRIVACY_LINK.end} for details.`,
}

/** The embeddable sign-up form: plain HTML, works without JavaScript. */
export function subscribeForm(
  { lang, locale, pages }: PageContext,
  {
    error,
    topics,
    values = {},
  }: { error?: string; topics: TopicChoice[]; values?: { email?: string; firstName?: string; topics?: string[] } },
) {
  const de = lang === 'de'
  const chosen = new Set(values.topics ?? [])
  const boxes = topics
    .map(
      (
        topic,
      ) => `<label class="check"><input type="checkbox" name="topics" value="${escapeHtml(topic.slug)}"${chosen.has(topic.slug) ? ' checked' : ''}>
<span>${escapeHtml(topic.name)}${topic.description ? `<br><span class="hint">${escapeHtml(topic.description)}</span>` : ''}</span></label>`,
    )
    .join('\n')
  return page({
    body: `${error ? `<p class="error" role="alert" id="form-error">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${pages}/subscribe"${error ? ' aria-describedby="form-error"' : ''}>
<input type="hidden" name="lang" value="${escapeHtml(locale ?? lang)}">
<label for="email">${de ? 'E-Mail-Adresse' : 'Email address'}</label>
<input id="email" name="email" type="email" autocomplete="email" required maxlength="254" value="${escapeHtml(values.email ?? '')}">
<label for="firstName">${de ? 'Vorname (freiwillig)' : 'First name (optional)'}</label>
<input id="firstName" name="firstName" type="text" autocomplete="given-name" maxlength="100" value="${escapeHtml(values.firstName ?? '')}">
<fieldset><legend>${de ? 'Themen' : 'Topics'}</legend>
${boxes}
</fieldset>
<p class="hint">${escapeHtml(CONSENT_TEXT[lang])}</p>
<button type="submit">${de ? 'Anmelden' : 'Subscribe'}</button>
</form>`,
    lang,
    title: de ? 'Newsletter abonnieren' : 'Subscribe to our newsletters',
  })
}

export const checkInboxPage = ({ lang }: PageContext) =>
  page({
    body:
      lang === 'de'
        ? '<p>Danke! Wir haben Ihnen eine E-Mail geschickt. Bitte bestätigen Sie Ihre Anmeldung mit dem Link darin – erst dann erhalten Sie unsere Newsletter.</p>'
        : '<p>Thank you! We have sent you an email. Please confirm your subscription with the link in it – only then will you receive our newsletters.</p>',
    lang,
    title: lang === 'de' ? 'Fast geschafft' : 'Almost done',
  })

/**
 * What the double-opt-in link opens: one button that confirms by POST. Mail-security scanners fetch
 * every link in a mail with GET; a GET that confirmed would let them subscribe people who never clicked.
 */
export const confirmPage = ({ lang, pages }: PageContext, token: string) =>
  page({
    body: `<form method="post" action="${pages}/subscribe/confirm?lang=${lang}">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<p>${lang === 'de' ? 'Bitte bestätigen Sie Ihre Anmeldung zum Newsletter.' : 'Please confirm your newsletter subscription.'}</p>
<button type="submit">${lang === 'de' ? 'Anmeldung bestätigen' : 'Confirm subscription'}</button>
</form>`,
    lang,
    title: lang === 'de' ? 'Anmeldung bestätigen' : 'Confirm your subscription',
  })

/** After the confirmation; only the first one links to the preference center (a used link mints no new link). */
export const confirmedPage = ({ lang, pages }: PageContext, preferencesToken: null | string) =>
  page({
    body: `${
      lang === 'de'
        ? `<p>${preferencesToken ? 'Vielen Dank, Ihre Anmeldung ist bestätigt.' : 'Diese Anmeldung war bereits bestätigt.'} Sie können Ihre Themen jederzeit im Präferenzcenter ändern – der Link steht auch in jeder E-Mail.</p>`
        : `<p>${preferencesToken ? 'Thank you, your subscription is confirmed.' : 'This subscription was already confirmed.'} You can change your topics at any time in the preference center – the link is also in every email.</p>`
    }${
      preferencesToken
        ? `
<p><a href="${pages}/preferences?token=${encodeURIComponent(preferencesToken)}&amp;lang=${lang}">${lang === 'de' ? 'Zum Präferenzcenter' : 'Open the preference center'}</a></p>`
        : ''
    }`,
    lang,
    title: lang === 'de' ? 'Anmeldung bestätigt' : 'Subscription confirmed',
  })

export const invalidLinkPage = ({ lang, pages }: PageContext) =>
  page({
    body:
      lang === 'de'
        ? `<p>Dieser Link ist ungültig oder abgelaufen. Bitte melden Sie sich erneut an: <a href="${pages}/subscribe">zum Anmeldeformular</a>.</p>`
        : `<p>This link is invalid or has expired. Please sign up again: <a href="${pages}/subscribe?lang=en">to the sign-up form</a>.</p>`,
    lang,
    title: lang === 'de' ? 'Link ungültig' : 'Invalid link',
  })

export const unsubscribeConfirmPage = ({ lang, pages }: PageContext, token: string) =>
  page({
    body: `<form method="post" action="${pages}/unsubscribe?token=${encodeURIComponent(token)}&amp;lang=${lang}">
<p>${lang === 'de' ? 'Möchten Sie sich von allen Newslettern abmelden?' : 'Do you want to unsubscribe from all newsletters?'}</p>
<button type="submit">${lang === 'de' ? 'Abmelden' : 'Unsubscribe'}</button>
</form>`,
    lang,
    title: lang === 'de' ? 'Abmelden' : 'Unsubscribe',
  })

export const unsubscribedPage = ({ lang }: PageContext) =>
  page({
    body:
      lang === 'de'
        ? '<p>Sie sind abgemeldet und erhalten keine Newsletter mehr von uns.</p>'
        : '<p>You are unsubscribed and will receive no more newsletters from us.</p>',
    lang,
    title: lang === 'de' ? 'Abgemeldet' : 'Unsubscribed',
  })

export const tooManyRequestsPage = ({ lang }: PageContext) =>
  page({
    body: `<p>${lang === 'de' ? 'Bitte versuchen Sie es später noch einmal.' : 'Please try again later.'}</p>`,
    lang,
    title: lang === 'de' ? 'Zu viele Anfragen' : 'Too many requests',
  })
