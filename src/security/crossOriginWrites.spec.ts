import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { serve, type Served } from '../../tests/helpers/express'
import { refuseCrossOriginCookieWrites } from './crossOriginWrites'

/** Counts what got past the check, as Payload would have received it. */
function app(trustedOrigins: string[]) {
  const reached: string[] = []
  const server = express()
  server.use(refuseCrossOriginCookieWrites({ cookieName: 'payload-token', trustedOrigins }))
  server.use((req, res) => {
    reached.push(`${req.method} ${req.path}`)
    res.json({ ok: true })
  })
  return { reached, server }
}

const cookie = 'lang=de; payload-token=abc'

describe('cookie-authenticated writes without PUBLIC_URL', () => {
  let served: Served
  let reached: string[]
  beforeAll(async () => {
    const built = app([])
    reached = built.reached
    served = await serve(built.server)
  })
  afterAll(() => served?.close())

  it('are refused from another origin with a coded 403, before the body is read', async () => {
    const form = new FormData()
    form.append('file', new Blob(['GIF89a']), 'x.gif')
    for (const [method, body] of [
      ['POST', form],
      ['PATCH', '{}'],
      ['DELETE', undefined],
    ] as const) {
      const response = await fetch(`${served.url}/api/media`, {
        body,
        headers: { cookie, origin: 'https://evil.example' },
        method,
      })
      expect(response.status, method).toBe(403)
      expect((await response.json()).errors[0].extensions.code).toBe('FORBIDDEN')
    }
    const sibling = await fetch(`${served.url}/api/users/1`, {
      body: '{}',
      headers: { cookie, 'sec-fetch-site': 'same-site' },
      method: 'PATCH',
    })
    expect(sibling.status).toBe(403)
    expect(reached).toEqual([])
  })

  it('pass from the origin the server was reached at, without a cookie, and for reads', async () => {
    reached.length = 0
    const own = new URL(served.url).origin
    const sameOrigin = await fetch(`${served.url}/api/media`, {
      body: '{}',
      headers: { cookie, origin: own },
      method: 'POST',
    })
    const noCookie = await fetch(`${served.url}/api/graphql`, {
      body: '{}',
      headers: { origin: 'https://frontend.example' },
      method: 'POST',
    })
    const read = await fetch(`${served.url}/api/media`, { headers: { cookie, origin: 'https://evil.example' } })
    const noBrowser = await fetch(`${served.url}/api/media`, { body: '{}', headers: { cookie }, method: 'POST' })
    const consentPage = await fetch(`${served.url}/preferences`, {
      body: 'token=x',
      headers: { cookie, origin: 'null' },
      method: 'POST',
    })
    expect([sameOrigin.status, noCookie.status, read.status, noBrowser.status, consentPage.status]).toEqual([
      200, 200, 200, 200, 200,
    ])
    expect(reached).toHaveLength(5)
  })
})

describe('cookie-authenticated writes with PUBLIC_URL', () => {
  let served: Served
  beforeAll(async () => {
    served = await serve(app(['https://cms.example.com']).server)
  })
  afterAll(() => served?.close())

  it('pass only from the public origin, not from the host name the request names', async () => {
    const publicPage = await fetch(`${served.url}/api/media`, {
      body: '{}',
      headers: { cookie, origin: 'https://cms.example.com' },
      method: 'POST',
    })
    const ownHost = await fetch(`${served.url}/api/media`, {
      body: '{}',
      headers: { cookie, origin: new URL(served.url).origin },
      method: 'POST',
    })
    expect([publicPage.status, ownHost.status]).toEqual([200, 403])
  })
})
