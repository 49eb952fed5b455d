import type { Payload, PayloadRequest } from 'payload'

import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { testedDatabases } from '../../../../tests/helpers/databases'
import { createStaff, type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { CONSENT_RECORDS } from '../collections/ConsentRecords'
import { bulkUpsertEndpoint } from './bulkUpsertEndpoint'

type Answer = {
  error?: { code: string }
  results: { code?: string; id?: number | string; index: number; status: string }[]
  summary: Record<string, number>
}

/**
 * The sync API as a CRM or shop calls it: POST /api/subscribers/bulk-upsert on a real database,
 * through the endpoint's handler with the caller's account (admin, editor, integration keys).
 */
describe.each(testedDatabases())('bulk upsert of subscribers on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  let admin: Record<string, unknown>

  async function post(user: Record<string, unknown>, body: unknown): Promise<{ answer: Answer; status: number }> {
    const req = await createLocalReq({ user: { ...user, collection: 'users' } as never }, payload)
    const request = new Request('http://localhost/api/subscribers/bulk-upsert', {
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
      method: 'POST',
    })
    const response = await bulkUpsertEndpoint.handler(
      Object.assign(req, { body: request.body, headers: request.headers }) as PayloadRequest,
    )
    return { answer: (await response.json()) as Answer, status: response.status }
  }
  const subscriber = async (email: string) =>
    (await payload.find({ collection: 'subscribers', depth: 0, where: { email: { equals: email } } })).docs[0]
  const countSubscribers = async () => (await payload.count({ collection: 'subscribers' })).totalDocs
  const ledgerSize = async () => (await payload.count({ collection: CONSENT_RECORDS as 'consent-records' })).totalDocs

  beforeAll(async () => {
    local = await startLocalPayload(kind, { pushSchema: true })
    payload = local.payload
    admin = (await createStaff(payload, 'admin')) as never
  })
  afterAll(() => local?.close())

  it('creates, updates, leaves unchanged and rejects per row, and the same call again changes nothing', async () => {
    const body = {
      subscribers: [
        { attributes: { plan: 'pro' }, email: ' Jana.Roth@Kunde.example ', externalId: 'crm-1', firstName: 'Jana' },
        { email: 'tom@kunde.example', lastName: 'Berg' },
        { email: 'kein-at-zeichen' },
        { email: 'tom@KUNDE.example', firstName: 'Tom' },
        { email: 'x@kunde.example', preferences: { topics: [] } },
        { email: 7 },
      ],
    }
    const first = await post(admin, body)
    expect(first.status).toBe(200)
    expect(first.answer.results.map(({ code, status }) => code ?? status)).toEqual([
      'created',
      'created',
      'email_invalid',
      'duplicate_in_request',
      'field_not_allowed',
      'value_invalid',
    ])
    const jana = await subscriber('jana.roth@kunde.example')
    expect(jana).toMatchObject({ attributes: { plan: 'pro' }, externalId: 'crm-1', firstName: 'Jana' })
    expect(first.answer.results[0]!.id).toBe(jana!.id)

    const again = await post(admin, { subscribers: body.subscribers.slice(0, 2) })
    expect(again.answer.results.map((result) => result.status)).toEqual(['unchanged', 'unchanged'])
    expect(await countSubscribers()).toBe(2)
  })

  it('finds a subscriber by externalId first, merges attributes (null removes a key) and never erases a name with an empty value', async () => {
    await post(admin, { subscribers: [{ attributes: { city: 'Köln' }, email: 'jana.roth@kunde.example' }] })
    const { answer } = await post(admin, {
      subscribers: [
        {
          attributes: { plan: null, tier: 'gold' },
          email: 'jana.roth@kunde.example',
          externalId: 'crm-1',
          firstName: '',
        },
      ],
    })
    expect(answer.results[0]!.status).toBe('updated')
    expect(await subscriber('jana.roth@kunde.example')).toMatchObject({
      attributes: { city: 'Köln', tier: 'gold' },
      firstName: 'Jana',
    })
    expect((await subscriber('jana.roth@kunde.example'))!.attributes).not.toHaveProperty('plan')
  })

  it('refuses a row whose externalId and email name two people, and one that would move a person to another address', async () => {
    // Two calls: in one, the second row would be refused as naming the same externalId again.
    for (const row of [
      { email: 'tom@kunde.example', externalId: 'crm-1' },
      { email: 'jana.neu@kunde.example', externalId: 'crm-1' },
    ]) {
      const { answer } = await post(admin, { subscribers: [row] })
      expect(answer.results[0]).toMatchObject({ code: 'identity_conflict', index: 0, status: 'rejected' })
    }
    expect((await subscriber('tom@kunde.example'))!.externalId ?? null).toBeNull()
    expect(await subscriber('jana.neu@kunde.example')).toBeUndefined()
  })

  it('refuses a person erased on request, by address and by CRM id, and brings nobody back', async () => {
    const body = { subscribers: [{ email: 'geloescht@kunde.example', externalId: 'crm-erased' }] }
    const first = await post(admin, body)
    expect(first.answer.results[0]).toMatchObject({ status: 'created' })
    await payload.delete({
      id: first.answer.results[0].id!,
      collection: 'subscribers',
      overrideAccess: false,
      user: admin as never,
    })

    const again = await post(admin, {
      subscribers: [
        { email: 'Geloescht@Kunde.example' },
        { email: 'neu-adresse@kunde.example', externalId: 'crm-erased' },
      ],
    })
    expect(again.status).toBe(200)
    expect(again.answer.results.map(({ code, status }) => ({ code, status }))).toEqual([
      { code: 'erased', status: 'rejected' },
      { code: 'erased', status: 'rejected' },
    ])
    expect(await subscriber('geloescht@kunde.example')).toBeUndefined()
    expect(await subscriber('neu-adresse@kunde.example')).toBeUndefined()
  })

  it('never writes consent: no ledger entry for created or updated rows', async () => {
    const before = await ledgerSize()
    await post(admin, {
      subscribers: [{ email: 'neu@kunde.example' }, { email: 'tom@kunde.example', firstName: 'T.' }],
    })
    expect(await ledgerSize()).toBe(before)
  })

  it('stores nothing for a structurally bad body, or more than 1,000 rows, and answers with a code', async () => {
    const before = await countSubscribers()
    const notAList = await post(admin, { subscribers: { email: 'a@kunde.example' } })
    expect([notAList.status, notAList.answer.error?.code]).toEqual([400, 'BAD_USER_INPUT'])
    const oneBad = await post(admin, { subscribers: [{ email: 'b@kunde.example' }, 'c@kunde.example'] })
    expect([oneBad.status, oneBad.answer.error?.code]).toEqual([400, 'BAD_USER_INPUT'])
    const tooMany = await post(admin, {
      subscribers: Array.from({ length: 1001 }, (_, index) => ({ email: `viele-${index}@kunde.example` })),
    })
    expect([tooMany.status, tooMany.answer.error?.code]).toEqual([413, 'BODY_TOO_LARGE'])
    expect(await countSubscribers()).toBe(before)
  })

  it('lets integration keys with the subscribers scope in (no ids, no statuses), and refuses editors and other scopes', async () => {
    const integration = (scopes: string[]) =>
      payload.create({
        collection: 'users',
        data: {
          apiScopes: scopes,
          email: `shop-${scopes.join('-') || 'none'}@example.com`,
          password: 'integration-2026!',
          role: 'integration',
        } as never,
      }) as unknown as Promise<Record<string, unknown>>
    const body = { subscribers: [{ email: 'shop-kunde@kunde.example', firstName: 'Shop' }] }
    const allowed = await post(await integration(['subscribers']), body)
    expect(allowed.status).toBe(200)
    expect(allowed.answer.results).toEqual([{ index: 0, status: 'accepted' }])
    expect(await subscriber('shop-kunde@kunde.example')).toMatchObject({ firstName: 'Shop' })
    for (const user of [await integration(['events']), (await createStaff(payload, 'editor')) as never]) {
      const refused = await post(user, body)
      expect([refused.status, refused.answer.error?.code]).toEqual([403, 'FORBIDDEN'])
    }
  })

  it('answers two calls at once naming the same new person with 200 each, and creates them once', async () => {
    const body = { subscribers: [{ email: 'gleichzeitig@kunde.example', firstName: 'Ada' }] }
    const answers = await Promise.all([post(admin, body), post(admin, body)])
    expect(answers.map(({ status }) => status)).toEqual([200, 200])
    const person = await subscriber('gleichzeitig@kunde.example')
    expect(person).toMatchObject({ firstName: 'Ada' })
    // One created it; the other, planned again after the unique conflict, found it unchanged.
    expect(answers.map(({ answer }) => answer.results[0]!.status).sort()).toEqual(['created', 'unchanged'])
    expect(answers.map(({ answer }) => answer.results[0]!.id)).toEqual([person!.id, person!.id])
  })

  it('refuses attributes named __proto__, constructor or prototype, naming the key, and stores nothing of the row', async () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      // JSON.parse makes "__proto__" an own key, as a caller's body does.
      const row = JSON.parse(
        `{"email":"reserviert@kunde.example","attributes":{"${key}":{"tier":"gold"},"plan":"pro"}}`,
      )
      const { answer, status } = await post(admin, { subscribers: [row] })
      expect(status).toBe(200)
      expect(answer.results[0]).toMatchObject({ code: 'attributes_invalid', status: 'rejected' })
      expect((answer.results[0] as { message?: string }).message).toContain(`"${key}"`)
    }
    expect(await subscriber('reserviert@kunde.example')).toBeUndefined()
  })

  it('answers an integration key alike for a subscriber, a stranger, an erased person and identity conflicts (the last ones not stored); admins get details', async () => {
    const key = (await payload.create({
      collection: 'users',
      data: {
        apiScopes: ['subscribers'],
        email: 'shop-diskret@example.com',
        password: 'integration-2026!',
        role: 'integration',
      } as never,
    })) as unknown as Record<string, unknown>
    const known = await payload.create({
      collection: 'subscribers',
      data: { email: 'kundin@diskret.example' } as never,
    })
    const gone = await payload.create({ collection: 'subscribers', data: { email: 'weg@diskret.example' } as never })
    await payload.delete({ collection: 'subscribers', id: gone.id, overrideAccess: false, user: admin as never })
    await payload.create({
      collection: 'subscribers',
      data: { email: 'crm-kundin@diskret.example', externalId: 'CRM-1' } as never,
    })
    const rows = [
      { email: 'kundin@diskret.example' },
      { email: 'fremd@diskret.example' },
      { email: 'weg@diskret.example' },
      // A CRM id the system does not know with an address another person has: a key must not learn that.
      { email: 'crm-kundin@diskret.example', externalId: 'CRM-2' },
      { email: 'neu@diskret.example', externalId: 'CRM-3' },
      // The CRM person moved to another address: refused for everybody, but a key is only told "accepted"
      // (else a first row attaching CRM-9 to an address and a second moving CRM-9 would probe that address).
      { email: 'umzug@diskret.example', externalId: 'CRM-1' },
    ]

    const { answer, status } = await post(key, { subscribers: [...rows, { email: 'kein-at-zeichen' }] })
    expect(status).toBe(200)
    expect(answer.results).toEqual([
      ...rows.map((_, index) => ({ index, status: 'accepted' })),
      expect.objectContaining({ code: 'email_invalid', index: 6, status: 'rejected' }),
    ])
    expect(answer.summary).toEqual({ accepted: 6, rejected: 1 })
    expect(await subscriber('umzug@diskret.example')).toBeUndefined()
    expect(await subscriber('fremd@diskret.example')).toBeDefined()
    expect(await subscriber('neu@diskret.example')).toMatchObject({ externalId: 'CRM-3' })
    expect(await subscriber('weg@diskret.example')).toBeUndefined()
    expect(await subscriber('crm-kundin@diskret.example')).toMatchObject({ externalId: 'CRM-1' })
    expect(String(known.id)).toBe(String((await subscriber('kundin@diskret.example'))!.id))

    const detailed = await post(admin, { subscribers: rows })
    expect(detailed.answer.results.map(({ code, status }) => code ?? status)).toEqual([
      'unchanged',
      'unchanged',
      'erased',
      'identity_conflict',
      'unchanged',
      'identity_conflict',
    ])
    expect(JSON.stringify(detailed.answer)).not.toContain('byStoredState')
  })

  it('upserts 1,000 rows in one call within a generous bound, first as new, then as updates', async () => {
    const rows = (name: string) =>
      Array.from({ length: 1000 }, (_, index) => ({
        attributes: { batch: name, index },
        email: `kunde-${index}@masse.example`,
        externalId: `masse-${index}`,
        firstName: `${name}-${index}`,
      }))
    for (const [name, expected] of [
      ['erst', 'created'],
      ['dann', 'updated'],
    ] as const) {
      const started = performance.now()
      const { answer, status } = await post(admin, { subscribers: rows(name) })
      const took = performance.now() - started
      expect(status).toBe(200)
      expect(answer.summary[expected]).toBe(1000)
      // Measured about 1.3 s per call on SQLite on a busy shared 2-core machine; the bound leaves room for a loaded CI.
      expect(took).toBeLessThan(10_000)
    }
    expect(await subscriber('kunde-999@masse.example')).toMatchObject({ attributes: { batch: 'dann', index: 999 } })
  })
})
