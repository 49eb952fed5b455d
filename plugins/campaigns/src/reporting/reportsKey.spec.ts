import type { Payload } from 'payload'

import { configToSchema } from '@payloadcms/graphql'
import { createRequire } from 'node:module'
import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createApiKey, restWithKey } from '../../../../tests/helpers/apiKeys'
import { testedDatabases } from '../../../../tests/helpers/databases'
import { type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'

// The graphql copy Payload builds its schema with.
const { execute, parse } = createRequire(import.meta.url)('graphql') as typeof import('graphql')

/**
 * The review of 2026-12-06: a `reports` key reads a campaign's numbers, not the staff behind it
 * ("Paused by <email>" in statusReason). Over REST and GraphQL with real API keys.
 */
describe.each(testedDatabases().filter((kind) => kind !== 'mongodb'))('a reports key on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  let campaignId: number | string
  const staffEmail = `chefin-${kind}@example.com`

  const apiKey = (role: 'admin' | 'integration', scopes: string[]) => createApiKey(payload, role, scopes)
  const call = (key: string, path: string) => restWithKey(payload, local.databaseUri, key, path)
  /** The `campaignReport` query as Payload's GraphQL route runs it, for the key's own user. */
  const graphqlReport = async (key: string) => {
    const { user } = await payload.auth({ headers: new Headers({ authorization: `users API-Key ${key}` }) })
    const req = await createLocalReq({ user: user! }, payload)
    req.payloadAPI = 'GraphQL'
    const query = `query { campaignReport(id: "${campaignId}") { name status statusReason } }`
    const { schema } = configToSchema(payload.config)
    return { body: (await execute({ contextValue: { headers: {}, req }, document: parse(query), schema })) as never }
  }

  beforeAll(async () => {
    local = await startLocalPayload(kind, { pushSchema: true })
    payload = local.payload
    // The very first account becomes an admin: the integration accounts come after it.
    await apiKey('admin', [])
    const newsletter = await payload.create({
      collection: 'newsletters',
      data: { name: 'Wochen-Update', subject: 'Neues aus dem Kontor' } as never,
    })
    const audience = await payload.create({ collection: 'segments', data: { kind: 'static', name: 'Alle' } as never })
    const campaign = await payload.create({
      collection: 'campaigns',
      data: { audience: audience.id, name: 'Frühjahrsaktion', newsletter: newsletter.id } as never,
    })
    campaignId = campaign.id
    // What the pause button writes (actions.ts), set here directly: the report is under test, not the pause.
    await payload.update({
      id: campaignId,
      collection: 'campaigns',
      data: { status: 'paused', statusReason: `Paused by ${staffEmail}` } as never,
    })
  }, 120_000)
  afterAll(() => local?.close())

  it('gives a reports key the report without statusReason, over REST and GraphQL; staff still see it', async () => {
    const reports = await apiKey('integration', ['reports'])
    const chief = await apiKey('admin', [])

    const viaRest = await call(reports, `/campaigns/${campaignId}/report`)
    expect(viaRest.status).toBe(200)
    expect(viaRest.body).toMatchObject({ name: 'Frühjahrsaktion', status: 'paused', statusReason: null })
    const viaGraphQL = await graphqlReport(reports)
    expect((viaGraphQL.body as { data?: unknown }).data).toEqual({
      campaignReport: { name: 'Frühjahrsaktion', status: 'paused', statusReason: null },
    })
    for (const answer of [viaRest, viaGraphQL]) expect(JSON.stringify(answer.body)).not.toContain(staffEmail)

    const forStaff = await call(chief, `/campaigns/${campaignId}/report`)
    expect(forStaff.body).toMatchObject({ statusReason: `Paused by ${staffEmail}` })
    expect(((await graphqlReport(chief)).body as { data?: unknown }).data).toEqual({
      campaignReport: { name: 'Frühjahrsaktion', status: 'paused', statusReason: `Paused by ${staffEmail}` },
    })
  })
})
