import type { Browser } from 'playwright-core'

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchChromium, logIntoAdmin } from '../helpers/browser'
import { graphql, login, rest, type Session } from '../helpers/http'
import { type RunningServer, startProductServer, stopProductServer } from '../helpers/server'

const servers = inject('servers')
const sqlite = servers.find((server) => server.kind === 'sqlite')!

/** A client's address, as a reverse proxy in front of the server reports it (the test servers trust loopback proxies). */
let clients = 0
const newClient = () => `198.18.0.${++clients}`

const directive = (policy: null | string | undefined, name: string) =>
  policy
    ?.split(';')
    .map((part) => part.trim())
    .find((part) => part === name || part.startsWith(`${name} `))

/** Logs in over REST as the admin UI does and returns the session cookie it set. */
async function sessionCookie(url: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/users/login`, {
    body: JSON.stringify({ email, password }),
    headers: { 'content-type': 'application/json' },
    method: 'POST',
  })
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('payload-token='))
  if (!cookie) throw new Error(`no session cookie: ${response.status}`)
  return cookie.split(';')[0]
}

/** A media upload as a browser form sends it: multipart, with the session cookie and the page's origin. */
async function upload(url: string, cookie: string, origin: string, alt: string) {
  const image = await sharp({ create: { background: '#0f4c81', channels: 3, height: 4, width: 4 } })
    .png()
    .toBuffer()
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(image)], { type: 'image/png' }), `${alt}.png`)
  form.append('_payload', JSON.stringify({ alt }))
  const response = await fetch(`${url}/api/media`, { body: form, headers: { cookie, origin }, method: 'POST' })
  return { body: await response.json(), status: response.status }
}

describe('security headers on every page', () => {
  it.each([
    ['/admin/login', "'self'"],
    ['/subscribe', "'none'"],
    ['/preferences?token=x', "'none'"],
    ['/unsubscribe?token=x', "'none'"],
    ['/api/preferences?token=x', "'none'"],
    ['/api/content-blocks?limit=1', "'self'"],
  ])(
    '%s: a CSP with a script nonce, frame-ancestors %s, nosniff, a referrer policy, no HSTS over http',
    async (page, frameAncestors) => {
      const response = await fetch(`${sqlite.url}${page}`)
      const policy = response.headers.get('content-security-policy')
      // This origin and the nonce only: no CDN (the admin's code editor is served by the app).
      expect(directive(policy, 'script-src')).toMatch(/^script-src 'self' 'nonce-[\w+/]{22}=='$/)
      expect(directive(policy, 'frame-ancestors')).toBe(`frame-ancestors ${frameAncestors}`)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('referrer-policy')).toBe(
        frameAncestors === "'none'" ? 'same-origin' : 'strict-origin-when-cross-origin',
      )
      expect(response.headers.get('strict-transport-security')).toBeNull()
    },
  )

  it('also on GraphQL answers', async () => {
    const response = await fetch(`${sqlite.url}/api/graphql`, {
      body: JSON.stringify({ query: '{ __typename }' }),
      headers: { 'content-type': 'application/json' },
      method: 'POST',
    })
    expect(response.headers.get('content-security-policy')).toContain("object-src 'none'")
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })
})

describe('the admin UI under the Content Security Policy (Chromium)', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(() => browser?.close())

  it('loads, lets an editor log in and open a content block and a newsletter, without a single CSP violation', async () => {
    const context = await browser.newContext({
      baseURL: sqlite.url,
      locale: 'de-DE',
      viewport: { height: 1000, width: 1440 },
    })
    // Reported by the page itself (securitypolicyviolation) and by the console, to miss neither.
    await context.addInitScript(() => {
      const seen: string[] = ((window as unknown as { cspViolations: string[] }).cspViolations = [])
      document.addEventListener('securitypolicyviolation', (event) =>
        seen.push(`${event.violatedDirective} ${event.blockedURI}`),
      )
    })
    const page = await context.newPage()
    const consoleViolations: string[] = []
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) consoleViolations.push(message.text())
    })
    const violations = async () => [
      ...consoleViolations,
      ...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)),
    ]

    const first = await page.goto('/admin/login')
    expect(directive(first?.headers()['content-security-policy'], 'script-src')).toMatch(/'nonce-/)
    await logIntoAdmin(page, 'editor@example.com', 'editor-demo-2026')
    expect(await violations()).toEqual([])

    await page.goto('/admin/collections/content-blocks')
    // The list settles its query in the URL first; a click before that is lost.
    await page.waitForURL(/content-blocks\?/)
    await page.locator('table tbody tr td a').first().click()
    await page.waitForURL(/\/content-blocks\/\d+$/)
    await page.locator('#field-title').waitFor()
    await page.locator('.tabs-field__tab-button', { hasText: 'Zielgruppe' }).click()
    await page.locator('#field-personas').waitFor()
    expect(await violations()).toEqual([])

    await page.goto('/admin/collections/newsletters')
    await page.waitForURL(/newsletters\?/)
    await page.locator('table tbody tr td a').first().click()
    await page.waitForURL(/\/newsletters\/\d+$/)
    await page.getByRole('button', { name: 'Vorschau erstellen' }).click()
    // The rendered email in its sandboxed frame: inline styles, the policy inherited.
    await expect
      .poll(() => page.frameLocator('iframe[title="Vorschau"]').locator('body').innerText())
      .toContain('Sehr geehrte Damen und Herren,')
    expect(await violations()).toEqual([])
    await context.close()
  })
})

describe.each(servers)('browser-facing hardening on $kind', ({ url }) => {
  let admin: Session
  beforeAll(async () => {
    admin = await login(url, 'admin@example.com', 'admin-demo-2026')
  })

  const stored = async (alt: string) =>
    (await rest(url, admin, 'GET', `/media?where[alt][equals]=${alt}`)).body.totalDocs

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
      fetch(`${url}/api/users/login`, {
        body: JSON.stringify({ email, password: guess }),
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
        method: 'POST',
      })

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
        body: JSON.stringify({
          query:
            'mutation($email: String!, $password: String!) { loginUser(email: $email, password: $password) { token } }',
          variables: { email, password },
        }),
        headers: { 'content-type': 'application/json', 'x-forwarded-for': guesser },
        method: 'POST',
      }).then((response) => response.json())
      expect(overGraphQL.errors[0].extensions.code).toBe('RATE_LIMITED')
      expect(overGraphQL.data?.loginUser ?? null).toBeNull()

      expect((await attempt(newClient(), password)).status).toBe(200)
      const graphqlFromElsewhere = await graphql(
        url,
        { headers: { 'x-forwarded-for': newClient() } },
        `mutation { loginUser(email: "${email}", password: "${password}") { token } }`,
      )
      expect(graphqlFromElsewhere.data?.loginUser.token).toBeTruthy()
    })
  })
})

describe('a deployment on https (PUBLIC_URL=https://…, its own short-lived server)', () => {
  const publicUrl = 'https://cms.example.test'
  let server: RunningServer
  let dataDir: string
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'server-https-'))
    server = await startProductServer(
      { DATABASE_URI: `file:${dataDir}/https.db`, PUBLIC_URL: publicUrl, SEED_DEMO: 'false' },
      dataDir,
    )
  })
  afterAll(async () => {
    if (server) await stopProductServer(server)
    fs.rmSync(dataDir, { force: true, recursive: true })
  })

  it('sends HSTS, marks the session cookie Secure, and takes cookie writes only from the public origin', async () => {
    const page = await fetch(`${server.url}/admin/login`)
    expect(page.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
    expect(directive(page.headers.get('content-security-policy'), 'upgrade-insecure-requests')).toBe(
      'upgrade-insecure-requests',
    )

    const registered = await fetch(`${server.url}/api/users/first-register`, {
      body: JSON.stringify({ email: 'owner@example.test', password: 'owner-password-2026' }),
      headers: { 'content-type': 'application/json', origin: publicUrl },
      method: 'POST',
    })
    expect(registered.status).toBe(200)
    const setCookie = registered.headers.getSetCookie().find((line) => line.startsWith('payload-token='))!
    // Payload writes `Secure=true`; browsers read the attribute by its name.
    expect(setCookie.split(';').map((attribute) => attribute.split('=')[0].trim().toLowerCase())).toContain('secure')

    const cookie = setCookie.split(';')[0]
    const fromPublicPage = await upload(server.url, cookie, publicUrl, 'public-origin')
    expect(fromPublicPage.status).toBe(201)
    const fromServerAddress = await upload(server.url, cookie, new URL(server.url).origin, 'server-address')
    expect(fromServerAddress.status).toBe(403)
  })
})
