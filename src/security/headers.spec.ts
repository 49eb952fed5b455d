import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { serve, type Served } from '../../tests/helpers/express'
import { securityHeaders } from './headers'

/** An app whose only page echoes the CSP that reached it on the request (as Next reads it). */
function app(options: Parameters<typeof securityHeaders>[0]) {
  const echo = express()
  echo.use(securityHeaders(options))
  echo.use((req, res) => {
    res.json({ requestPolicy: req.headers['content-security-policy'] })
  })
  return echo
}

const directive = (policy: null | string, name: string) =>
  policy
    ?.split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name} `) || part === name)

describe('security headers over http', () => {
  let served: Served
  beforeAll(async () => {
    served = await serve(app({ https: false, publicOrigin: 'http://localhost:3000' }))
  })
  afterAll(() => served?.close())

  it('give every response a fresh script nonce, the same one Next sees on the request', async () => {
    const [first, second] = await Promise.all([fetch(`${served.url}/admin`), fetch(`${served.url}/admin`)])
    const policy = first.headers.get('content-security-policy')
    const nonce = directive(policy, 'script-src')?.match(/'nonce-([\w+/=]+)'/)?.[1]
    expect(nonce).toMatch(/^[\w+/]{22}==$/)
    expect((await first.json()).requestPolicy).toBe(policy)
    expect(directive(second.headers.get('content-security-policy'), 'script-src')).not.toContain(nonce)
    expect(directive(policy, 'script-src')).not.toContain("'unsafe-inline'")
    expect(directive(policy, 'object-src')).toBe("object-src 'none'")
  })

  it('never take a CSP the caller put on the request', async () => {
    const response = await fetch(`${served.url}/admin`, {
      headers: { 'content-security-policy': "script-src 'nonce-chosenbythecaller'" },
    })
    expect((await response.json()).requestPolicy).not.toContain('chosenbythecaller')
  })

  it('let only the admin be framed (by itself); the public pages by nobody', async () => {
    const admin = await fetch(`${served.url}/admin/collections/content-blocks`)
    expect(directive(admin.headers.get('content-security-policy'), 'frame-ancestors')).toBe("frame-ancestors 'self'")
    for (const page of [
      '/subscribe',
      '/subscribe/confirm',
      '/preferences',
      '/unsubscribe',
      '/api/subscribe',
      '/api/preferences/data',
    ]) {
      const response = await fetch(`${served.url}${page}?token=x`)
      expect(directive(response.headers.get('content-security-policy'), 'frame-ancestors'), page).toBe(
        "frame-ancestors 'none'",
      )
      expect(response.headers.get('x-frame-options'), page).toBe('DENY')
      expect(response.headers.get('referrer-policy'), page).toBe('same-origin')
    }
  })

  it('send nosniff and a referrer policy, and no HSTS over plain http', async () => {
    const response = await fetch(`${served.url}/api/content-blocks`)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
    expect(response.headers.get('strict-transport-security')).toBeNull()
    expect(directive(response.headers.get('content-security-policy'), 'upgrade-insecure-requests')).toBeUndefined()
  })
})

describe('security headers for a public URL on https', () => {
  let served: Served
  beforeAll(async () => {
    served = await serve(app({ https: true, publicOrigin: 'https://cms.example.com' }))
  })
  afterAll(() => served?.close())

  it('add HSTS for a year and upgrade insecure subresources', async () => {
    const response = await fetch(`${served.url}/admin`)
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
    expect(directive(response.headers.get('content-security-policy'), 'upgrade-insecure-requests')).toBe(
      'upgrade-insecure-requests',
    )
    expect(directive(response.headers.get('content-security-policy'), 'img-src')).toContain('https://cms.example.com')
  })
})
