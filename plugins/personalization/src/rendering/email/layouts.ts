import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The package's own templates: `emails/` at the package root (three levels up from src/ and from dist/). */
const TEMPLATES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../emails')

/** Layouts editors can choose; each is an MJML file in emails/layouts with the markers below. */
export const EMAIL_LAYOUTS = [
  { label: { de: 'Standard (eine Spalte)', en: 'Standard (one column)' }, value: 'standard' },
] as const
export type EmailLayout = (typeof EMAIL_LAYOUTS)[number]['value']

/** Markers a layout must contain; the renderer replaces them before compiling. */
export const MARKERS = {
  lang: '%%LANG%%',
  preheader: '%%PREHEADER%%',
  sections: '%%SECTIONS%%',
  title: '%%TITLE%%',
} as const

const cache = new Map<string, string>()

/** An MJML template file, read once (a campaign renders thousands of mails from it). */
export function readMjmlFile(file: string): string {
  let source = cache.get(file)
  if (source === undefined) {
    source = fs.readFileSync(file, 'utf8')
    cache.set(file, source)
  }
  return source
}

export const readEmailTemplate = (kind: 'layouts' | 'partials', name: string): string =>
  readMjmlFile(path.join(TEMPLATES, kind, `${name}.mjml`))
