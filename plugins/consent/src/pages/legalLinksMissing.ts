import { page } from './page'

/**
 * What a reader sees while production holds the public pages back (no privacy policy or imprint in
 * the Branding global yet): German, as the readers are, with the code the operator finds in the log.
 */
export const legalLinksMissingPage = (code: string) =>
  page({
    body: `<p>Diese Seite ist vorübergehend nicht erreichbar, weil Datenschutzerklärung und Impressum noch nicht hinterlegt sind. Bitte versuchen Sie es später erneut.</p>
<p class="hint">Hinweis für den Betrieb: Code <code>${code}</code> – im Admin unter „Markenauftritt“ die Adressen von Datenschutzerklärung und Impressum eintragen.</p>`,
    lang: 'de',
    title: 'Vorübergehend nicht verfügbar',
  })
