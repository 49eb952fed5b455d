import { beforeAll, describe, expect, inject, it } from 'vitest'

import { graphql, login, rest, type Session } from '../helpers/http'

const servers = inject('servers')

/** A client's address, as a reverse proxy in front of the server reports it (the test servers trust loopback proxies). */
let clients = 0
const newClient = () => `198.18.0.${++clients}`

describe.each(servers)('browser-facing hardening on $kind', ({ url }) => {
  let admin: Session
  beforeAll(async () => {
    admin = await login(url, 'admin@example.com', 'admin-demo-2026')
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
