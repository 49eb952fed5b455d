import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

import type { BlockContent } from '../../engine/blockLibrary'
import type { AssembledSlot } from '../../engine/types'

import { tokenContext } from '../tokens/liquid'
import { EMAIL_LAYOUTS } from './layouts'
import { compileNewsletter, personalizeNewsletter } from './renderNewsletter'

const content = new Map<string, BlockContent>(
  [
    {
      bodyHtml:
        '<p>Hallo {{ subscriber.first_name | default: "zusammen" }}, die <strong>E-Rechnung</strong> kommt.</p>',
      bodyText: 'Hallo {{ subscriber.first_name | default: "zusammen" }}, die E-Rechnung kommt.',
      cta: { label: 'Leitfaden laden', url: 'https://news.example.com/leitfaden' },
      fingerprint: 'a@1',
      id: 'a',
      image: {
        alt: 'Rechnung auf Tablet',
        height: 300,
        url: '/api/media/file/a-600x300.jpg',
        url2x: '/api/media/file/a-1200x600.jpg',
        webUrl: '/api/media/file/a.webp',
        width: 600,
      },
      title: 'E-Rechnung & Sie',
    },
    {
      bodyHtml: '<p>Ohne Bild und Button.</p>',
      bodyText: 'Ohne Bild und Button.',
      cta: null,
      fingerprint: 'b@1',
      id: 'b',
      image: null,
      title: 'Kurz notiert',
    },
  ].map((block) => [block.id, block]),
)
const slots = [
  { choices: [{ block: { id: 'a' } }], key: 'top', label: 'Top' },
  { choices: [{ block: { id: 'b' } }], key: 'more', label: 'More' },
] as unknown as AssembledSlot[]

/** What a reader sees, independent of MJML's exact markup: text, images, links, in order. */
function structure(html: string) {
  const body = html.slice(html.indexOf('<body'))
  return {
    images: [
      ...body.matchAll(/<img[^>]*src="([^"]+)"[^>]*alt="([^"]*)"|<img[^>]*alt="([^"]*)"[^>]*src="([^"]+)"/g),
    ].map((m) => ({ alt: m[2] ?? m[3], src: m[1] ?? m[4] })),
    lang: /<html[^>]*lang="([^"]+)"/.exec(html)?.[1],
    links: [...body.matchAll(/<a[^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => ({
      href: m[1],
      text: m[2].replace(/<[^>]+>/g, '').trim(),
    })),
    preheader: /<div style="display:none[^>]*>([\s\S]*?)<\/div>/
      .exec(body)?.[1]
      .replace(/&#847;|&zwnj;|&nbsp;|\s/g, '')
      .slice(0, 60),
    text: body
      .replace(/<style[\s\S]*?<\/style>/g, '')
      .replace(/<[^>]+>/g, '\n')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .filter((line) => !/^&#847;|^&zwnj;/.test(line)),
    title: /<title>([\s\S]*?)<\/title>/.exec(html)?.[1],
  }
}

describe.each(EMAIL_LAYOUTS.map((layout) => layout.value))('the %s email layout', (layout) => {
  const golden = (name: string) => path.resolve(import.meta.dirname, '../../../emails/golden', `${layout}.${name}`)
  const newsletter = {
    id: 1,
    layout,
    preheader: 'Neu für {{ subscriber.first_name | default: "Sie" }}',
    subject: 'Update für {{ subscriber.first_name }}',
    updatedAt: '2026-11-23T00:00:00Z',
  }
  const reader = tokenContext({
    academicTitle: 'Dr.',
    addressForm: 'formal',
    firstName: 'Anna',
    gender: 'female',
    lastName: 'Berger',
    locale: 'de',
  })

  it('renders the structure recorded in its golden file', async () => {
    const rendered = personalizeNewsletter(newsletter, await compileNewsletter(newsletter, slots, content), reader)
    const actual = JSON.stringify(structure(rendered.html), null, 2) + '\n'
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(golden('structure.json'), actual)
    expect(actual).toBe(fs.readFileSync(golden('structure.json'), 'utf8'))
  })

  it('renders the plain-text part recorded in its golden file', async () => {
    const rendered = personalizeNewsletter(newsletter, await compileNewsletter(newsletter, slots, content), reader)
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(golden('text.txt'), rendered.text)
    expect(rendered.text).toBe(fs.readFileSync(golden('text.txt'), 'utf8'))
    expect(rendered.subject).toBe('Update für Anna')
    expect(rendered.preheader).toBe('Neu für Anna')
  })

  it('escapes what readers typed into their profile', async () => {
    const mallory = tokenContext({ addressForm: 'informal', firstName: '<img src=x onerror=alert(1)>', locale: 'de' })
    const rendered = personalizeNewsletter(newsletter, await compileNewsletter(newsletter, slots, content), mallory)
    expect(rendered.html).not.toContain('<img src=x')
    expect(rendered.html).toContain('Hallo &lt;img src=x onerror=alert(1)&gt;,')
  })
})
