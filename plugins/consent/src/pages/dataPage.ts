import type { PersonalDataExport } from '@kontorwerk/personalization'

import { escapeHtml } from '@kontorwerk/personalization'

import { page, type PageContext } from './page'

type Lang = PageContext['lang']

const PROFILE_LABEL = { de: 'Ihr Profil', en: 'Your profile' }
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

/** A stored value as a reader sees it: times in their language, nothing as "null". */
function text(value: unknown, lang: Lang): string {
  if (value == null || value === '') return '–'
  if (typeof value === 'string' && ISO_TIME.test(value)) {
    const date = new Date(value)
    if (!Number.isNaN(date.getTime()))
      return date.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'Europe/Berlin',
      })
  }
  if (typeof value === 'number') return value.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB')
  if (typeof value === 'boolean') return value ? (lang === 'de' ? 'ja' : 'yes') : lang === 'de' ? 'nein' : 'no'
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value != null && typeof value === 'object' && !Array.isArray(value)

/** Lists of records as tables, records as definition lists, anything else as text. */
function block(value: unknown, lang: Lang): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return `<p>${lang === 'de' ? 'Keine Einträge.' : 'No entries.'}</p>`
    if (!value.every(isRecord))
      return `<ul>${value.map((item) => `<li>${escapeHtml(text(item, lang))}</li>`).join('')}</ul>`
    const columns = [...new Set(value.flatMap((row) => Object.keys(row)))]
    return `<div class="scroll"><table><thead><tr>${columns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join('')}</tr></thead><tbody>${value
      .map((row) => `<tr>${columns.map((column) => `<td>${escapeHtml(text(row[column], lang))}</td>`).join('')}</tr>`)
      .join('')}</tbody></table></div>`
  }
  if (isRecord(value)) {
    return `<dl>${Object.entries(value)
      .map(
        ([key, inner]) =>
          `<dt>${escapeHtml(key)}</dt><dd>${Array.isArray(inner) || isRecord(inner) ? block(inner, lang) : escapeHtml(text(inner, lang))}</dd>`,
      )
      .join('')}</dl>`
  }
  return `<p>${escapeHtml(text(value, lang))}</p>`
}

/** Everything stored about the reader (DSGVO Art. 15) as a page, one section per part of the product. */
export function dataPage(
  { lang, pages }: PageContext,
  {
    data,
    labels,
    token,
  }: { data: PersonalDataExport; labels: Record<string, { de: string; en: string }>; token: string },
) {
  const { exportedAt, profile, ...sections } = data
  const de = lang === 'de'
  const t = encodeURIComponent(token)
  return page({
    body: `<p>${de ? 'Stand' : 'As of'}: ${escapeHtml(text(exportedAt, lang))}. <a href="${pages}/preferences/export?token=${t}">${de ? 'Als Datei herunterladen (JSON)' : 'Download as a file (JSON)'}</a></p>
<section><h2>${PROFILE_LABEL[lang]}</h2>${block(profile, lang)}</section>
${Object.entries(sections)
  .map(([key, value]) => `<section><h2>${escapeHtml(labels[key]?.[lang] ?? key)}</h2>${block(value, lang)}</section>`)
  .join('\n')}
<p><a href="${pages}/preferences?token=${t}&amp;lang=${lang}">${de ? 'Zurück zu den Einstellungen' : 'Back to your preferences'}</a></p>`,
    lang,
    title: de ? 'Ihre gespeicherten Daten' : 'Your stored data',
  })
}
