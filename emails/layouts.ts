import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const dir = path.dirname(fileURLToPath(import.meta.url))

/** Layouts editors can choose; each is an MJML file in emails/layouts with the markers below. */
export const EMAIL_LAYOUTS = [
  { label: { de: 'Standard (eine Spalte)', en: 'Standard (one column)' }, value: 'standard' },
] as const
export type EmailLayout = (typeof EMAIL_LAYOUTS)[number]['value']

/** Markers a layout must contain; the renderer replaces them before compiling. */
export const MARKERS = { lang: '%%LANG%%', preheader: '%%PREHEADER%%', sections: '%%SECTIONS%%', title: '%%TITLE%%' } as const

const cache = new Map<string, string>()

export function readEmailTemplate(kind: 'layouts' | 'partials' | 'transactional', name: string): string {
  const key = `${kind}/${name}`
  let source = cache.get(key)
  if (source === undefined) {
    source = fs.readFileSync(path.join(dir, kind, `${name}.mjml`), 'utf8')
    cache.set(key, source)
  }
  return source
}
