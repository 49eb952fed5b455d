import { beforeAll, describe, expect, inject, it } from 'vitest'

import { graphql, login, rest, type Session } from '../helpers/http'

const servers = inject('servers')

describe.each(servers)('bad input over the API on $kind', ({ url }) => {
  let admin: Session
  let editor: Session
  const blockCount = async () =>
    (await rest(url, admin, 'GET', '/content-blocks?draft=true&limit=1')).body.totalDocs as number
  const subscriberCount = async () => (await rest(url, admin, 'GET', '/subscribers?limit=1')).body.totalDocs as number

  beforeAll(async () => {
    admin = await login(url, 'admin@example.com', 'admin-demo-2026')
    editor = await login(url, 'editor@example.com', 'editor-demo-2026')
  })

  /** Payload's REST validation error: 400 with the field errors under errors[0].data.errors. */
  const fieldErrorsOf = (body: { errors: { data?: { errors?: { message: string; path: string }[] } }[] }) =>
    (body.errors[0].data?.errors ?? []).map(({ message, path }) => `${path}: ${message}`)

  it('rejects a block tagged with an unknown persona, with a message naming it, and stores nothing', async () => {
    const before = await blockCount()
    const { body, status } = await rest(url, editor, 'POST', '/content-blocks', {
      personas: [987654],
      title: 'Verwaister Block',
    })
    expect(status).toBe(400)
    expect(fieldErrorsOf(body)).toEqual(['personas: Nicht gefunden in personas: 987654'])
    expect(await blockCount()).toBe(before)
  })

  it('rejects a block whose validity ends before it starts, and stores nothing', async () => {
    const before = await blockCount()
    const { body, status } = await rest(url, editor, 'POST', '/content-blocks', {
      title: 'Rückwärts',
      validFrom: '2026-12-24T00:00:00.000Z',
      validUntil: '2026-12-01T00:00:00.000Z',
    })
    expect(status).toBe(400)
    expect(fieldErrorsOf(body)).toEqual(['validUntil: „Gültig bis" muss nach „Gültig ab" liegen.'])
    expect(await blockCount()).toBe(before)
  })

  it('rejects a subscriber with an invalid email, and stores nothing', async () => {
    const before = await subscriberCount()
    const { body, status } = await rest(url, admin, 'POST', '/subscribers', {
      email: 'anna.at.example.com',
      firstName: 'Anna',
    })
    expect(status).toBe(400)
    expect(fieldErrorsOf(body)).toEqual(['email: Keine gültige E-Mail-Adresse.'])
    expect(await subscriberCount()).toBe(before)
  })

  it('rejects a second subscriber for the same mailbox in other spelling', async () => {
    const { body } = await rest(url, admin, 'GET', '/subscribers?limit=1&sort=email')
    const existing: string = body.docs[0].email
    const before = await subscriberCount()
    const duplicate = await rest(url, admin, 'POST', '/subscribers', { email: `  ${existing.toUpperCase()} ` })
    expect(duplicate.status).toBe(400)
    expect(fieldErrorsOf(duplicate.body)[0]).toMatch(/^email: /)
    expect(await subscriberCount()).toBe(before)
  })

  it('answers a bad GraphQL mutation with a coded error and no document', async () => {
    const before = await blockCount()
    const result = await graphql(
      url,
      editor,
      'mutation { createContentBlock(data: { title: "X", personas: [987654], channels: email, locale: de, priority: 50 }) { id } }',
    )
    expect(result.data?.createContentBlock ?? null).toBeNull()
    expect(result.errors?.[0].extensions).toMatchObject({ name: 'ValidationError', statusCode: 400 })
    expect(JSON.stringify(result.errors?.[0].extensions)).toContain('987654')
    expect(await blockCount()).toBe(before)
  })
})
