import { beforeAll, describe, expect, inject, it } from 'vitest'

import { anonymous, graphql, login, rest, type Session } from '../helpers/http'
import { signedToken } from '../helpers/links'

const servers = inject('servers')

describe.each(servers)('consent over GraphQL on $kind', (server) => {
  const { url } = server
  /** Signs like the server does (its secret, the subscriber's link key). */
  const tokenFor = (subscriberId: number | string, purpose: 'preferences' | 'unsubscribe') =>
    signedToken(server, subscriberId, purpose)

  let admin: Session

  beforeAll(async () => {
    admin = await login(url, 'admin@example.com', 'admin-demo-2026')
  })

  it('subscribe answers the same for new and known addresses, and validates its input with codes', async () => {
    const query =
      'mutation($email: String!, $topics: [String!]!) { subscribe(email: $email, topics: $topics) { ok status } }'
    const fresh = await graphql(url, anonymous, query, {
      email: `neu-${Date.now()}@example.com`,
      topics: ['wochen-update'],
    })
    const { body } = await rest(url, admin, 'GET', '/subscribers?limit=1&sort=createdAt')
    const known = await graphql(url, anonymous, query, { email: body.docs[0].email, topics: ['wochen-update'] })
    expect(fresh).toEqual({ data: { subscribe: { ok: true, status: 'confirmation_sent' } } })
    expect(known).toEqual(fresh)

    const bad = await graphql(url, anonymous, query, { email: 'kaputt', topics: ['wochen-update'] })
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT')
    const unknown = await graphql(url, anonymous, query, { email: 'x@example.com', topics: ['gibt-es-nicht'] })
    expect(unknown.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: 'Unknown or inactive topic',
    })
  })

  it('reads and updates preferences by signed token, and refuses a forged one', async () => {
    const forged = await graphql(url, anonymous, '{ preferences(token: "v1.e30.AAAA") { email } }')
    expect(forged.errors?.[0].extensions?.code).toBe('INVALID_TOKEN')
    const confirm = await graphql(url, anonymous, 'mutation { confirmSubscription(token: "nope") { ok } }')
    expect(confirm.errors?.[0].extensions?.code).toBe('INVALID_TOKEN')
    const unsubscribe = await graphql(url, anonymous, 'mutation { unsubscribe(token: "nope") { ok } }')
    expect(unsubscribe.errors?.[0].extensions?.code).toBe('INVALID_TOKEN')

    const { body } = await rest(url, admin, 'GET', '/subscribers?limit=1&sort=-createdAt&where[firstName][exists]=true')
    const subscriber = body.docs[0]
    const token = await tokenFor(subscriber.id, 'preferences')
    const read = await graphql(
      url,
      anonymous,
      `{ preferences(token: "${token}") { email frequency topics { slug granted } nextQuestion { field } } }`,
    )
    expect(read.errors).toBeUndefined()
    expect(read.data?.preferences.email).toBe(subscriber.email)
    expect(read.data?.preferences.topics.map((topic: { slug: string }) => topic.slug).sort()).toEqual([
      'angebote',
      'webinare',
      'wochen-update',
    ])

    const update = await graphql(
      url,
      anonymous,
      `mutation { updatePreferences(token: "${token}", topics: ["webinare"], frequency: "monthly", channels: ["email"], pausedUntil: "2027-03-01") { frequency pausedUntil topics { slug granted } } }`,
    )
    expect(update.errors).toBeUndefined()
    expect(update.data?.updatePreferences.frequency).toBe('monthly')
    expect(update.data?.updatePreferences.pausedUntil.slice(0, 10)).toBe('2027-03-01')
    expect(
      update.data?.updatePreferences.topics
        .filter((topic: { granted: boolean }) => topic.granted)
        .map((topic: { slug: string }) => topic.slug),
    ).toEqual(['webinare'])
    const badFrequency = await graphql(
      url,
      anonymous,
      `mutation { updatePreferences(token: "${token}", topics: [], frequency: "hourly") { email } }`,
    )
    expect(badFrequency.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT')

    const off = await graphql(
      url,
      anonymous,
      `mutation { unsubscribe(token: "${await tokenFor(subscriber.id, 'unsubscribe')}", topic: "webinare") { ok status } }`,
    )
    expect(off.data?.unsubscribe).toEqual({ ok: true, status: 'unsubscribed' })
    const after = await graphql(url, anonymous, `{ preferences(token: "${token}") { topics { slug granted } } }`)
    expect(after.data?.preferences.topics.every((topic: { granted: boolean }) => !topic.granted)).toBe(true)
  })
})
