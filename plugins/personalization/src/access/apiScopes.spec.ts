import type { Payload, PayloadRequest } from 'payload'

import { createLocalReq, handleEndpoints } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { testedDatabases } from '../../../../tests/helpers/databases'
import { type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { CodedError } from '../errors'
import { requireIntakeAccess } from '../events/access'
import { requireStaff } from './apiScopes'

/** Issue 21: an integration account's API key does what its scopes allow and nothing a member of staff may. */
describe.each(testedDatabases().filter((kind) => kind !== 'mongodb'))('scoped API keys (Local API, %s)', (kind) => {
  let local: LocalPayload
  let payload: Payload
  let admin: { id: number | string }

  /** The request an API key makes: the user comes from Payload's own API-key strategy. */
  const keyRequest = async (scopes: string[]) => {
    const key = `schluessel-${scopes.join('-')}-${Math.random().toString(36).slice(2)}`
    await payload.create({
      collection: 'users',
      data: {
        apiKey: key,
        apiScopes: scopes,
        email: `shop-${scopes.join('-') || 'none'}-${Date.now()}@example.com`,
        enableAPIKey: true,
        password: 'integration-2026!',
        role: 'integration',
      } as never,
    })
    const { user } = await payload.auth({ headers: new Headers({ authorization: `users API-Key ${key}` }) })
    expect(user).toBeTruthy()
    return createLocalReq({ user: user! }, payload)
  }
  const code = (run: () => unknown) => {
    try {
      run()
      return 'allowed'
    } catch (error) {
      return error instanceof CodedError ? error.code : String(error)
    }
  }
  const reads = (req: PayloadRequest, collection: 'campaigns' | 'subscribers') =>
    payload.find({ collection, overrideAccess: false, req }).then(
      () => 'allowed',
      () => 'refused',
    )

  beforeAll(async () => {
    local = await startLocalPayload(kind, { pushSchema: true })
    payload = local.payload
    // The very first account always becomes an admin: the integration accounts come after it.
    admin = await payload.create({
      collection: 'users',
      data: { email: `chefin-${kind}@example.com`, password: 'admin-2026-test!', role: 'admin' } as never,
    })
  })
  afterAll(() => local?.close())

  it('lets an events-only key record events but not read subscribers, campaigns or reports', async () => {
    const events = await keyRequest(['events'])
    expect(code(() => requireIntakeAccess(events))).toBe('allowed')
    expect(await reads(events, 'subscribers')).toBe('refused')
    expect(await reads(events, 'campaigns')).toBe('refused')
    expect(code(() => requireStaff(events, 'reports'))).toBe('FORBIDDEN')
    expect(code(() => requireStaff(events))).toBe('FORBIDDEN')
  })

  it('keeps a subscribers key from the one-document create (the bulk upsert is its way), and a reports key only reads reports', async () => {
    const sync = await keyRequest(['subscribers'])
    expect(code(() => requireIntakeAccess(sync))).toBe('FORBIDDEN')
    // Its refusal of a taken address would tell the key who is a subscriber.
    await expect(
      payload.create({
        collection: 'subscribers',
        data: { email: `Kunde-${kind}@Example.com`, firstName: 'Jonas' } as never,
        overrideAccess: false,
        req: sync,
      }),
    ).rejects.toMatchObject({ status: 403 })
    expect(
      await payload.count({ collection: 'subscribers', where: { email: { equals: `kunde-${kind}@example.com` } } }),
    ).toEqual({ totalDocs: 0 })
    expect(await reads(sync, 'subscribers')).toBe('refused')

    const reports = await keyRequest(['reports'])
    expect(code(() => requireStaff(reports, 'reports'))).toBe('allowed')
    expect(code(() => requireIntakeAccess(reports))).toBe('FORBIDDEN')
    await expect(
      payload.create({
        collection: 'subscribers',
        data: { email: 'x@example.com' } as never,
        overrideAccess: false,
        req: reports,
      }),
    ).rejects.toThrow()
    const none = await keyRequest([])
    expect(code(() => requireIntakeAccess(none))).toBe('FORBIDDEN')
  })

  it('keeps a subscribers key from writing a subscriber by id or by a where, so a guessed id tells it nothing (it syncs through the bulk upsert)', async () => {
    const sync = await keyRequest(['subscribers'])
    const victim = await payload.create({
      collection: 'subscribers',
      data: { email: `opfer-${kind}@example.com`, lastName: 'Vertraulich', region: 'DE-BY' } as never,
    })
    const attempt = (data: object, target: { id: number | string } | { where: object }) =>
      payload
        .update({
          collection: 'subscribers',
          data: data as never,
          overrideAccess: false,
          req: sync,
          ...target,
        } as never)
        .then(
          () => 'allowed',
          (error: unknown) => String((error as { status?: number }).status ?? error),
        )
    // Re-pointing the address (a takeover of the preference center), the same address (200 against 403 would
    // confirm it), other fields, and a bulk update: all refused, nothing changed.
    expect(await attempt({ email: `angreifer-${kind}@evil.example` }, { id: victim.id })).toBe('403')
    expect(await attempt({ email: `Opfer-${kind}@Example.com`, firstName: 'Vera' }, { id: victim.id })).toBe('403')
    expect(await attempt({ region: 'DE-NW' }, { where: { id: { exists: true } } })).toBe('403')
    expect(await payload.findByID({ collection: 'subscribers', id: victim.id })).toMatchObject({
      email: `opfer-${kind}@example.com`,
      firstName: null,
      region: 'DE-BY',
    })
    // An admin corrects an address, and gets the document back.
    const asAdmin = await payload.update({
      collection: 'subscribers',
      data: { email: `vera-${kind}@example.com` } as never,
      id: victim.id,
      overrideAccess: false,
      user: admin,
    })
    expect(asAdmin).toMatchObject({ email: `vera-${kind}@example.com`, region: 'DE-BY' })
  })

  it('keeps an integration key away from the job queue and the staff’s document locks, which an admin still reaches', async () => {
    const apiKey = async (role: 'admin' | 'integration', scopes: string[]) => {
      const key = `${role}-${Math.random().toString(36).slice(2)}`
      await payload.create({
        collection: 'users',
        data: {
          apiKey: key,
          apiScopes: scopes,
          email: `${role}-schluessel-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.com`,
          enableAPIKey: true,
          password: 'schluessel-2026!',
          role,
        } as never,
      })
      return key
    }
    const rest = (key: string, path: string, init: RequestInit = {}) =>
      handleEndpoints({
        config: payload.config,
        payloadInstanceCacheKey: local.databaseUri,
        request: new Request(new URL(`/api${path}`, 'http://localhost:3000'), {
          ...init,
          headers: { authorization: `users API-Key ${key}`, 'content-type': 'application/json' },
        }),
      })
    const shop = await apiKey('integration', ['events', 'subscribers', 'reports'])
    const chief = await apiKey('admin', [])
    const subscriber = await payload.create({
      collection: 'subscribers',
      data: { email: `gesperrt-${kind}@example.com` } as never,
    })
    await payload.create({
      collection: 'payload-locked-documents',
      data: {
        document: { relationTo: 'subscribers', value: subscriber.id },
        user: { relationTo: 'users', value: admin.id },
      } as never,
    })

    expect((await rest(shop, '/payload-jobs/run?allQueues=true&limit=1')).status).toBe(401)
    expect((await rest(shop, '/payload-locked-documents')).status).toBe(403)
    const lockAttempt = await rest(shop, '/payload-locked-documents', {
      body: JSON.stringify({ document: { relationTo: 'subscribers', value: subscriber.id } }),
      method: 'POST',
    })
    expect(lockAttempt.status).toBe(403)
    expect((await payload.count({ collection: 'payload-locked-documents' })).totalDocs).toBe(1)

    expect((await rest(chief, '/payload-jobs/run?allQueues=true&limit=1')).status).toBe(200)
    const locks = await rest(chief, '/payload-locked-documents')
    expect([locks.status, ((await locks.json()) as { totalDocs: number }).totalDocs]).toEqual([200, 1])
  })

  it('lets only an admin grant scopes', async () => {
    const editor = await payload.create({
      collection: 'users',
      data: { email: `redakteur-${kind}@example.com`, password: 'editor-2026-test!', role: 'editor' } as never,
    })
    const shop = await payload.create({
      collection: 'users',
      data: { email: `shop-${kind}@example.com`, password: 'shop-2026-test!', role: 'integration' } as never,
    })
    await payload
      .update({
        collection: 'users',
        data: { apiScopes: ['events'] } as never,
        id: shop.id,
        overrideAccess: false,
        user: editor,
      })
      .catch(() => null)
    expect(
      ((await payload.findByID({ collection: 'users', id: shop.id })) as { apiScopes?: string[] }).apiScopes ?? [],
    ).toEqual([])
    await payload.update({
      collection: 'users',
      data: { apiScopes: ['events'] } as never,
      id: shop.id,
      overrideAccess: false,
      user: admin,
    })
    expect(
      ((await payload.findByID({ collection: 'users', id: shop.id })) as { apiScopes?: string[] }).apiScopes,
    ).toEqual(['events'])
  })
})
