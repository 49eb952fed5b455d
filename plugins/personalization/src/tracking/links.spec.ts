import mjml2html from 'mjml'
import { describe, expect, it } from 'vitest'

import type { BlockContent } from '../engine/blockLibrary'

import { newsletterMjml } from '../rendering/email/renderNewsletter'
import { linkKeyFingerprint } from '../security/linkKey'
import { readClick, readOpen, withTracking } from './links'

const block = (id: string, url: string): BlockContent => ({
  bodyHtml: `<p>Lesen Sie <a href="${url}/artikel?x=1&amp;y=2">den Artikel</a>.</p>`,
  bodyText: 'Lesen Sie den Artikel.',
  cta: { label: 'Mehr', url: `${url}/mehr` },
  fingerprint: id,
  id,
  image: null,
  title: `Block ${id}`,
})

/** Signs as a Payload config with this secret would. */
const signer = { config: { secret: 'test-secret' } }

describe('tracking links in a rendered newsletter', () => {
  it('credit every link to the block it sits in, leave consent links alone and add one pixel', async () => {
    const mjml = newsletterMjml({ id: 1, layout: 'standard', subject: 'Test', updatedAt: '2026-11-23T00:00:00Z' }, [
      [block('17', 'https://a.example')],
      [block('42', 'https://b.example')],
    ])
    const { html } = await mjml2html(mjml.replaceAll(/\{\{[^}]*\}\}/g, 'x'), { validationLevel: 'soft' })
    const base = 'https://marketing.example'
    const withConsentLink = html.replace('</body>', `<a href="${base}/unsubscribe?token=abc">Abmelden</a></body>`)
    const tracked = withTracking(signer, withConsentLink, {
      baseUrl: base,
      message: 'wochen-update-47',
      subscriber: { id: 12, linkKey: 'k' },
    })

    const clicks = [...tracked.matchAll(/href="https:\/\/marketing\.example\/t\/c\/([^"]+)"/g)].map((match) =>
      readClick(signer, match[1]),
    )
    expect(clicks.map((claims) => [claims?.b, claims?.u])).toEqual([
      ['17', 'https://a.example/artikel?x=1&y=2'],
      ['17', 'https://a.example/mehr'],
      ['42', 'https://b.example/artikel?x=1&y=2'],
      ['42', 'https://b.example/mehr'],
    ])
    expect(clicks.every((claims) => claims?.s === '12' && claims.m === 'wochen-update-47')).toBe(true)
    expect(tracked).toContain(`href="${base}/unsubscribe?token=abc"`)
    const pixels = [...tracked.matchAll(/src="https:\/\/marketing\.example\/t\/o\/([^"]+)\.gif"/g)]
    expect(pixels).toHaveLength(1)
    // Bound to the recipient's link key: the open counts only while it is still theirs.
    expect(readOpen(signer, pixels[0][1])).toEqual({
      k: 'o',
      l: linkKeyFingerprint('k'),
      m: 'wochen-update-47',
      s: '12',
    })
  })

  it('keep links with an upper-case scheme working', () => {
    const tracked = withTracking(signer, '<a href="HTTPS://A.example/X">x</a>', {
      baseUrl: 'https://m.example',
      message: 'm',
      subscriber: { id: 1, linkKey: 'k' },
    })
    expect(readClick(signer, tracked.match(/\/t\/c\/([^"]+)"/)![1])?.u).toBe('HTTPS://A.example/X')
  })
})
