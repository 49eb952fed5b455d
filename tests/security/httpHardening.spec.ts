import sharp from 'sharp'
import { beforeAll, describe, expect, inject, it } from 'vitest'

import { graphql, login, rest, type Session } from '../helpers/http'

const servers = inject('servers')

/** A client's address, as a reverse proxy in front of the server reports it (the test servers trust loopback proxies). */
let clients = 0
const newClient = () => `198.18.0.${++clients}`

/** Logs in over REST as the admin UI does and returns the session cookie it set. */
async function sessionCookie(url: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/users/login`, { body: JSON.stringify({ email, password }), headers: { 'content-type': 'application/json' }, method: 'POST' })
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('payload-token='))
  if (!cookie) throw new Error(`no session cookie: ${response.status}`)
  return cookie.split(';')[0]
}

/** A media upload as a browser form sends it: multipart, with the session cookie and the page's origin. */
async function upload(url: string, cookie: string, origin: string, alt: string) {
  const image = await sharp({ create: { background: '#0f4c81', channels: 3, height: 4, width: 4 } }).png().toBuffer()
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(image)], { type: 'image/png' }), `${alt}.png`)
  form.append('_payload', JSON.stringify({ alt }))
  const response = await fetch(`${url}/api/media`, { body: form, headers: { cookie, origin }, method: 'POST' })
  return { body: await response.json(), status: response.status }
}

describe.each(servers)('browser-facing hardening on $kind', ({ url }) => {
  let admin: Session
  beforeAll(async () => {
    admin = await login(url, 'admin@example.com', 'admin-demo-2026')
  })

  const stored = async (alt: string) => (await rest(url, admin, 'GET', `/media?where[alt][equals]=${alt}`)).body.totalDocs

  it('refuses a cookie-authenticated upload from another origin with a coded 403 and stores nothing; its own pages may', async () => {
    const cookie = await sessionCookie(url, 'admin@example.com', 'admin-demo-2026')
    const alt = `cross-origin-${Date.now()}`
    const foreign = await upload(url, cookie, 'https://evil.example', alt)
    expect(foreign.status).toBe(403)
    expect(foreign.body.errors[0].extensions.code).toBe('FORBIDDEN')
    expect(await stored(alt)).toBe(0)

    const own = await upload(url, cookie, new URL(url).origin, alt)
    expect(own.status).toBe(201)
    expect(await stored(alt)).toBe(1)
    await rest(url, admin, 'DELETE', `/media/${own.body.doc.id}`)
  })

  describe('login throttling per client address', () => {
    const email = `owner-${Date.now()}@example.com`
    const password = 'the-real-password-2026'
    const guesser = newClient()
    const attempt = (from: string, guess: string) =>
      fetch(`${url}/api/users/login`, { body: JSON.stringify({ email, password: guess }), headers: { 'content-type': 'application/json', 'x-forwarded-for': from }, method: 'POST' })

    beforeAll(async () => {
      const created = await rest(url, admin, 'POST', '/users', { email, name: 'Owner', password, role: 'admin' })
      expect(created.status).toBe(201)
    })

    it('6 wrong passwords from one address do not lock the account: its owner logs in from another address', async () => {
      for (let i = 0; i < 6; i++) expect((await attempt(guesser, `guess-${i}`)).status).toBe(401)
      const owner = await attempt(newClient(), password)
      expect(owner.status).toBe(200)
      expect((await owner.json()).token).toBeTruthy()
    })

    it('refuses the 11th attempt from that address with 429 RATE_LIMITED, over REST and GraphQL, and logs nobody in', async () => {
      for (let i = 6; i < 10; i++) expect((await attempt(guesser, `guess-${i}`)).status).toBe(401)

      const throttled = await attempt(guesser, password)
      expect(throttled.status).toBe(429)
      expect(throttled.headers.getSetCookie()).toEqual([])
      const body = await throttled.json()
      expect(body.errors[0].data.code).toBe('RATE_LIMITED')
      expect(body.token).toBeUndefined()

      const overGraphQL = await fetch(`${url}/api/graphql`, {
        body: JSON.stringify({ query: 'mutation($email: String!, $password: String!) { loginUser(email: $email, password: $password) { token } }', variables: { email, password } }),
        headers: { 'content-type': 'application/json', 'x-forwarded-for': guesser },
        method: 'POST',
      }).then((response) => response.json())
      expect(overGraphQL.errors[0].extensions.code).toBe('RATE_LIMITED')
      expect(overGraphQL.data?.loginUser ?? null).toBeNull()

      expect((await attempt(newClient(), password)).status).toBe(200)
      const graphqlFromElsewhere = await graphql(url, { headers: { 'x-forwarded-for': newClient() } }, `mutation { loginUser(email: "${email}", password: "${password}") { token } }`)
      expect(graphqlFromElsewhere.data?.loginUser.token).toBeTruthy()
    })
  })
})
