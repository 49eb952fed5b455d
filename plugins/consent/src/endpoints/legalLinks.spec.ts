import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { personalization } from '@kontorwerk/personalization'

import { startStockPayload, STOCK_HOST_URL, type StockPayload } from '../../../../tests/helpers/stockPayload'
import { consent } from '../index'
import { LEGAL_LINKS_MISSING } from './http'

/** The option the reference app sets in production: no public page before privacy policy and imprint are set. */
describe('public pages held back until the Branding global names privacy policy and imprint (legalLinksRequired)', () => {
  let host: StockPayload
  const logged: unknown[] = []

  beforeAll(async () => {
    host = await startStockPayload((slugs) => [
      personalization({ ...slugs, publicUrl: STOCK_HOST_URL }),
      consent({ legalLinksRequired: true }),
    ])
    const error = host.payload.logger.error.bind(host.payload.logger)
    host.payload.logger.error = ((entry: unknown, ...rest: unknown[]) => {
      logged.push(entry)
      return (error as (...args: unknown[]) => void)(entry, ...rest)
    }) as typeof host.payload.logger.error
  })
  afterAll(() => host?.close())

  it('answers 503 with a German page and a coded line for the operator, then serves the pages once both are set', async () => {
    for (const path of ['/api/subscribe', '/api/subscribe/confirm?token=x', '/api/p/irgendwas']) {
      const held = await host.call(path)
      expect(held.status, path).toBe(503)
      const page = await held.text()
      expect(page).toContain('<html lang="de">')
      expect(page).toContain('Vorübergehend nicht verfügbar')
      expect(page).toContain(`<code>${LEGAL_LINKS_MISSING}</code>`)
      expect(page).not.toContain('%%')
    }
    expect(logged).toContainEqual(expect.objectContaining({ code: LEGAL_LINKS_MISSING }))
    // A held-back sign-up stores nothing.
    const signUp = await host.call('/api/subscribe', {
      body: new URLSearchParams({ email: 'gehalten@example.com', topics: 'x' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      method: 'POST',
    })
    expect(signUp.status).toBe(503)
    expect((await host.payload.count({ collection: 'subscribers' })).totalDocs).toBe(0)
    // A person's rights are never held back: unsubscribing and the preference center answer as always.
    for (const path of ['/api/preferences?token=x', '/api/unsubscribe?token=x', '/api/preferences/data?token=x']) {
      const page = await host.call(path)
      expect(page.status, path).not.toBe(503)
      expect(await page.text(), path).not.toContain(LEGAL_LINKS_MISSING)
    }
    const heldHead = await host.call('/api/subscribe', { method: 'HEAD' })
    expect([heldHead.status, await heldHead.text()]).toEqual([503, ''])

    // One of the two is not enough.
    await host.payload.updateGlobal({
      data: { privacyUrl: 'https://shop.example/datenschutz' } as never,
      slug: 'branding',
    })
    expect((await host.call('/api/subscribe')).status).toBe(503)

    await host.payload.updateGlobal({
      data: { imprintUrl: 'https://shop.example/impressum' } as never,
      slug: 'branding',
    })
    const served = await host.call('/api/subscribe')
    expect(served.status).toBe(200)
    expect(await served.text()).toContain('<a href="https://shop.example/impressum" data-legal="imprint">Impressum</a>')
    // Every page answers HEAD like GET (Payload matches methods exactly; the plugin registers both).
    const head = await host.call('/api/subscribe', { method: 'HEAD' })
    expect([head.status, head.headers.get('content-type'), await head.text()]).toEqual([
      200,
      'text/html; charset=utf-8',
      '',
    ])
  })
})
