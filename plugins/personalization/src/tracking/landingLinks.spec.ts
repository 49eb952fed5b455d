import { describe, expect, it } from 'vitest'

import { extendPersonalization } from '../extensions'
import { linkKeyFingerprint } from '../security/linkKey'
import { readSubscriberToken } from '../security/subscriberToken'
import { withLandingPageTokens } from './landingLinks'

const signer = {
  config: { ...extendPersonalization({} as never, { options: { previousLinkSecrets: [] } as never }), secret: 's' } as {
    custom?: Record<string, unknown>
    secret: string
  },
}
const anna = { id: 42, linkKey: 'annas-key' }
const target = { baseUrl: 'https://cms.example', subscriber: anna }
const tokenIn = (url: string) => new URL(url.replaceAll('&amp;', '&')).searchParams.get('token')!

describe('landing page links of a mail', () => {
  it("carry the reader's personalize token, bound to the link key, in HTML and plain text", () => {
    const html = withLandingPageTokens(
      signer,
      '<a href="https://cms.example/p/finanzen">A</a> <a href="https://cms.example/p/demo?utm=mail&amp;x=1">B</a>',
      { ...target, html: true },
    )
    const [first, second] = [...html.matchAll(/href="([^"]+)"/g)].map((match) => match[1])
    expect(first).toMatch(/^https:\/\/cms\.example\/p\/finanzen\?token=/)
    expect(second).toMatch(/^https:\/\/cms\.example\/p\/demo\?utm=mail&amp;x=1&amp;token=/)
    expect(readSubscriberToken(signer, tokenIn(first), 'personalize')).toMatchObject({
      key: linkKeyFingerprint('annas-key'),
      subscriberId: '42',
    })
    const text = withLandingPageTokens(signer, 'Mehr: https://cms.example/p/demo?utm=mail\n', {
      ...target,
      html: false,
    })
    expect(text).toMatch(/^Mehr: https:\/\/cms\.example\/p\/demo\?utm=mail&token=[^\s&]+\n$/)
  })

  it('leave every other link alone, and a link that already has a token', () => {
    const others =
      '<a href="https://cms.example/preferences?token=x">P</a> <a href="https://elsewhere.example/p/finanzen">E</a> <a href="https://cms.example/p/demo?token=given">T</a> <a href="https://elsewhere.example/?next=https://cms.example/p/demo">N</a>'
    expect(withLandingPageTokens(signer, others, { ...target, html: true })).toBe(others)
  })
})
