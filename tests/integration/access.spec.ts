import { beforeAll, describe, expect, inject, it } from 'vitest'

import { anonymous, graphql, login, rest, type Session } from '../helpers/http'

const servers = inject('servers')

describe.each(servers)('access over REST and GraphQL on $kind', ({ url }) => {
  let admin: Session
  let editor: Session

  beforeAll(async () => {
    admin = await login(url, 'admin@example.com', 'admin-demo-2026')
    editor = await login(url, 'editor@example.com', 'editor-demo-2026')
  })

  it('never shows subscribers to anonymous callers', async () => {
    expect((await rest(url, anonymous, 'GET', '/subscribers')).status).toBe(403)
    expect((await rest(url, anonymous, 'GET', '/subscribers/1')).status).toBe(403)
    expect((await rest(url, anonymous, 'GET', '/subscribers?where[email][like]=example')).status).toBe(403)

    const result = await graphql(url, anonymous, '{ Subscribers(limit: 5) { docs { id email } } }')
    expect(result.data?.Subscribers ?? null).toBeNull()
    expect(result.errors?.[0].message).toMatch(/Berechtigung|not allowed/)
    const one = await graphql(url, anonymous, '{ Subscriber(id: 1) { email } }')
    expect(one.data?.Subscriber ?? null).toBeNull()
  })

  it('shows anonymous callers published blocks only, also when they ask for drafts', async () => {
    const staffView = await rest(url, admin, 'GET', '/content-blocks?draft=true&limit=200&depth=0')
    const drafts = staffView.body.docs.filter((doc: { _status: string }) => doc._status === 'draft')
    expect(drafts.length).toBeGreaterThan(0)
    const publishedCount = staffView.body.totalDocs - drafts.length

    for (const query of ['?limit=200', '?limit=200&draft=true', '?limit=200&where[_status][equals]=draft&draft=true']) {
      const { body, status } = await rest(url, anonymous, 'GET', `/content-blocks${query}`)
      expect(status).toBe(200)
      expect(body.docs.every((doc: { _status: string }) => doc._status === 'published')).toBe(true)
      expect(body.docs.map((doc: { title: string }) => doc.title)).not.toContain(drafts[0].title)
    }
    expect((await rest(url, anonymous, 'GET', '/content-blocks?limit=200')).body.totalDocs).toBe(publishedCount)
    expect((await rest(url, anonymous, 'GET', `/content-blocks/${drafts[0].id}?draft=true`)).status).toBe(404)
    expect((await rest(url, anonymous, 'GET', '/content-blocks/versions')).status).toBe(403)

    const gql = await graphql(
      url,
      anonymous,
      '{ ContentBlocks(draft: true, limit: 200) { totalDocs docs { title _status } } }',
    )
    expect(gql.errors).toBeUndefined()
    expect(gql.data?.ContentBlocks.totalDocs).toBe(publishedCount)
    expect(gql.data?.ContentBlocks.docs.every((doc: { _status: string }) => doc._status === 'published')).toBe(true)
    const versions = await graphql(url, anonymous, '{ versionsContentBlocks { docs { id } } }')
    expect(versions.data?.versionsContentBlocks ?? null).toBeNull()
  })

  it('lets editors read the marketing profile of subscribers but not their personal data', async () => {
    // The seeded ones (oldest first): other files add subscribers of their own, some without a stage.
    const { body, status } = await rest(url, editor, 'GET', '/subscribers?limit=20&depth=1&sort=createdAt')
    expect(status).toBe(200)
    expect(body.totalDocs).toBeGreaterThanOrEqual(200) // 200 seeded; sign-up tests add more
    for (const doc of body.docs) {
      expect(doc).not.toHaveProperty('email')
      expect(doc).not.toHaveProperty('firstName')
      expect(doc).not.toHaveProperty('lastName')
      expect(doc).not.toHaveProperty('attributes')
      expect(doc.stage.key).toEqual(expect.any(String))
    }

    const gql = await graphql(
      url,
      editor,
      '{ Subscribers(limit: 20) { docs { email firstName locale stage { key } } } }',
    )
    expect(gql.data?.Subscribers.docs).toHaveLength(20)
    for (const doc of gql.data?.Subscribers.docs ?? []) {
      expect(doc.email).toBeNull()
      expect(doc.firstName).toBeNull()
      // Reader locales with region are GraphQL enum values: en-GB reads en_GB there.
      expect(doc.locale).toMatch(/^(de|en)(_[A-Z]{2})?$/)
    }
  })

  it('shows admins the personal data', async () => {
    const { body } = await rest(url, admin, 'GET', '/subscribers?limit=5')
    expect(body.docs.every((doc: { email: string }) => /@/.test(doc.email))).toBe(true)
    const gql = await graphql(url, admin, '{ Subscribers(limit: 5) { docs { email } } }')
    expect(gql.data?.Subscribers.docs.every((doc: { email: string }) => /@/.test(doc.email))).toBe(true)
  })

  it('does not let editors write subscribers or staff accounts', async () => {
    expect((await rest(url, editor, 'POST', '/subscribers', { email: 'neu@example.com' })).status).toBe(403)
    expect(
      (await rest(url, editor, 'POST', '/users', { email: 'neu@example.com', password: 'x-password-1', role: 'admin' }))
        .status,
    ).toBe(403)
    const users = await rest(url, editor, 'GET', '/users')
    expect(users.body.docs.map((user: { email: string }) => user.email)).toEqual(['editor@example.com'])
  })
})
