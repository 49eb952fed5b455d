import { escapeHtml } from '@kontorwerk/personalization'

import type { Subscriber } from '../documents'
import type { TopicState } from '../utilities/preferenceCenter'

import { PROFILE_QUESTIONS } from '../utilities/preferenceCenter'
import { page, type PageContext } from './page'

const CHANNELS = [
  { de: 'E-Mail', en: 'Email', value: 'email' },
  { de: 'SMS', en: 'SMS', value: 'sms' },
  { de: 'Push-Nachrichten', en: 'Push notifications', value: 'push' },
  { de: 'Post', en: 'Post', value: 'post' },
]
const FREQUENCIES = [
  { de: 'Wöchentlich', en: 'Weekly', value: 'weekly' },
  { de: 'Monatlich', en: 'Monthly', value: 'monthly' },
  { de: 'Nur Wichtiges', en: 'Only important news', value: 'important_only' },
]

const check = (name: string, value: string, label: string, checked: boolean, id: string) =>
  `<label class="check" for="${id}"><input type="checkbox" id="${id}" name="${name}" value="${escapeHtml(value)}"${checked ? ' checked' : ''}><span>${escapeHtml(label)}</span></label>`

/** The preference center: topics, channels, frequency, pause, one profile question, and the data rights. */
export function preferencesPage(
  { lang, pages }: PageContext,
  {
    consented,
    error,
    saved,
    subscriber,
    token,
    topics,
  }: {
    /** The channels with marketing consent: ticked while the reader has chosen none (consentedChannels). */
    consented: Set<string>
    error?: string
    saved?: boolean
    subscriber: Subscriber
    token: string
    topics: TopicState[]
  },
) {
  const de = lang === 'de'
  const prefs = subscriber.preferences ?? {}
  const channels = new Set(prefs.channels?.length ? prefs.channels : consented)
  const question = PROFILE_QUESTIONS.find((q) => !subscriber[q.field as keyof Subscriber])
  const t = encodeURIComponent(token)
  const pausedUntil = prefs.pausedUntil ? new Date(prefs.pausedUntil).toISOString().slice(0, 10) : ''
  return page({
    body: `${saved ? `<p role="status">${de ? 'Ihre Einstellungen sind gespeichert.' : 'Your preferences are saved.'}</p>` : ''}
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<p>${de ? 'Angemeldet als' : 'Signed up as'} <strong>${escapeHtml(subscriber.email)}</strong></p>
<form method="post" action="${pages}/preferences?lang=${lang}">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<fieldset><legend>${de ? 'Themen' : 'Topics'}</legend>
${topics.map((topic) => check('topics', topic.slug, `${topic.name}${topic.pending ? (de ? ' (Bestätigung ausstehend)' : ' (awaiting confirmation)') : ''}`, topic.granted, `topic-${topic.slug}`)).join('\n')}
</fieldset>
<fieldset><legend>${de ? 'Kanäle' : 'Channels'}</legend>
${CHANNELS.map((c) => check('channels', c.value, c[lang], channels.has(c.value), `channel-${c.value}`)).join('\n')}
</fieldset>
<fieldset><legend>${de ? 'Häufigkeit' : 'Frequency'}</legend>
${FREQUENCIES.map((f) => `<label class="check" for="frequency-${f.value}"><input type="radio" id="frequency-${f.value}" name="frequency" value="${f.value}"${(prefs.frequency ?? 'weekly') === f.value ? ' checked' : ''}><span>${f[lang]}</span></label>`).join('\n')}
</fieldset>
<label for="pausedUntil">${de ? 'Pause bis (leer = keine Pause)' : 'Pause until (empty = no pause)'}</label>
<input id="pausedUntil" name="pausedUntil" type="date" value="${pausedUntil}">
${question ? `<input type="hidden" name="answerField" value="${question.field}"><label for="answer">${escapeHtml(question.label[lang])} <span class="hint">(${de ? 'freiwillig' : 'optional'})</span></label><input id="answer" name="answerValue" type="text" maxlength="100">` : ''}
<p><button type="submit">${de ? 'Speichern' : 'Save'}</button></p>
</form>
<h2>${de ? 'Abmelden und Ihre Daten' : 'Unsubscribe and your data'}</h2>
<form method="post" action="${pages}/preferences/unsubscribe?lang=${lang}"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit" class="secondary">${de ? 'Von allen Newslettern abmelden' : 'Unsubscribe from all newsletters'}</button></form>
<p><a href="${pages}/preferences/data?token=${t}&amp;lang=${lang}">${de ? 'Meine gespeicherten Daten ansehen' : 'See my stored data'}</a> · <a href="${pages}/preferences/export?token=${t}">${de ? 'herunterladen (JSON)' : 'download (JSON)'}</a></p>
<p><a href="${pages}/preferences/delete?token=${t}&amp;lang=${lang}">${de ? 'Meine Daten löschen' : 'Delete my data'}</a></p>`,
    lang,
    title: de ? 'Ihre Newsletter-Einstellungen' : 'Your newsletter preferences',
  })
}

export const deleteConfirmPage = ({ lang, pages }: PageContext, token: string) =>
  page({
    body: `<p>${lang === 'de' ? 'Damit löschen wir Ihr Profil, Ihre Einstellungen und Ihre Einwilligungen endgültig. Das lässt sich nicht rückgängig machen.' : 'This permanently deletes your profile, preferences and consents. It cannot be undone.'}</p>
<form method="post" action="${pages}/preferences/delete?lang=${lang}"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit">${lang === 'de' ? 'Endgültig löschen' : 'Delete permanently'}</button></form>
<p><a href="${pages}/preferences?token=${encodeURIComponent(token)}&amp;lang=${lang}">${lang === 'de' ? 'Abbrechen' : 'Cancel'}</a></p>`,
    lang,
    title: lang === 'de' ? 'Daten löschen?' : 'Delete your data?',
  })

/** Erasure is all or nothing: when it fails, nothing was deleted and the reader can try again. */
export const deleteFailedPage = ({ lang, pages }: PageContext, token: string) =>
  page({
    body: `<p class="error" role="alert">${lang === 'de' ? 'Ihre Daten konnten gerade nicht gelöscht werden; es wurde nichts verändert. Bitte versuchen Sie es in einigen Minuten erneut.' : 'Your data could not be deleted just now; nothing was changed. Please try again in a few minutes.'}</p>
<p><a href="${pages}/preferences/delete?token=${encodeURIComponent(token)}&amp;lang=${lang}">${lang === 'de' ? 'Erneut versuchen' : 'Try again'}</a></p>`,
    lang,
    title: lang === 'de' ? 'Löschen fehlgeschlagen' : 'Deletion failed',
  })

export const deletedPage = ({ lang }: PageContext) =>
  page({
    body: `<p>${lang === 'de' ? 'Ihre Daten sind gelöscht.' : 'Your data has been deleted.'}</p>`,
    lang,
    title: lang === 'de' ? 'Gelöscht' : 'Deleted',
  })
