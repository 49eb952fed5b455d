import type { Payload } from 'payload'

import { buildConfig, getPayload } from 'payload'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { appConfig } from '../../src/config/appConfig'
import { closeDatabase } from '../../src/database/close'
import { createAudience } from '../helpers/audience'
import { graphql, login, rest, type Session } from '../helpers/http'

const servers = inject('servers')

type Entry = {
  action: string
  changes: { after?: unknown; before?: unknown; field: string }[]
  userEmail: string
}

/**
 * Issue 21 over HTTP against the production server: an editor cannot schedule a large campaign
 * without an approval; the last editor's own approval is refused; another approver's approval
 * lets it be scheduled; a later edit voids it; every step is in the audit log with its diff.
 */
describe.each(servers)('four-eyes approval and audit log over HTTP on $kind', ({ databaseUri, dataDir, kind, url }) => {
  let local: Payload
  let admin: Session
  let editor: Session
  let approver: Session
  let secondApprover: Session
  const people: Record<string, { email: string; id: number | string }> = {}
  let segment: string
  let newsletter: number | string

  const staff = async (name: string, role: string) => {
    const email = `${name}-${kind}-${Date.now()}@example.com`
    const created = await rest(url, admin, 'POST', '/users', { email, name, password: 'governance-2026!', role })
    expect(created.status).toBe(201)
    people[name] = { email, id: created.body.doc.id }
    return login(url, email, 'governance-2026!')
  }
  const campaign = async (id: number | string, as = admin) =>
    (await rest(url, as, 'GET', `/campaigns/${id}?depth=0`)).body
  const approve = (as: Session, id: number | string, recipients: number) =>
    rest(url, as, 'POST', `/campaigns/${id}/approve`, { confirmation: { recipients } })
  const schedule = (id: number | string, recipients: number) =>
    rest(url, editor, 'POST', `/campaigns/${id}/schedule`, {
      confirmation: { recipients, typed: String(recipients) },
      // Tomorrow: the test is about the permission, not about 1,001 mails in the shared SMTP sink.
      sendAt: new Date(Date.now() + 86_400_000).toISOString(),
    })

  beforeAll(async () => {
    // A large audience (more than 1,000 with consent) is written straight into the server's database, as an import would.
    process.env.DATA_DIR = dataDir
    local = await getPayload({
      config: await buildConfig(appConfig({ databaseUri })),
      key: `governance-${databaseUri}`,
    })
    segment = (await createAudience(local, { count: 1_001, prefix: `vier-augen-${kind}-` })).segment
    admin = await login(url, 'admin@example.com', 'admin-demo-2026')
    editor = await staff('redaktion', 'editor')
    approver = await staff('freigabe', 'approver')
    secondApprover = await staff('freigabe-zwei', 'approver')
    newsletter = (await rest(url, admin, 'GET', '/newsletters?where[slug][equals]=wochen-update&depth=0')).body.docs[0]
      .id
  }, 120_000)
  afterAll(async () => {
    if (local) await closeDatabase(local)
  })

  it('lets a large campaign be scheduled only after a second person’s approval that still holds, and logs every step', async () => {
    const created = await rest(url, editor, 'POST', '/campaigns', {
      audience: Number(segment),
      channel: 'email',
      name: 'Vier Augen',
      newsletter,
    })
    expect(created.status).toBe(201)
    const id = created.body.doc.id

    const plan = (await rest(url, editor, 'GET', `/campaigns/${id}/send-plan`)).body
    expect(plan.recipients).toBe(1_001)
    expect(plan.approval).toMatchObject({ needed: true, problem: { code: 'APPROVAL_REQUIRED' }, threshold: 1000 })

    // 1. The editor cannot schedule it, nor approve it.
    const refused = await schedule(id, 1_001)
    expect(refused.status).toBe(409)
    expect(refused.body.errors[0].code).toBe('APPROVAL_REQUIRED')
    expect((await campaign(id)).status).toBe('draft')
    expect((await approve(editor, id, 1_001)).body.errors[0].code).toBe('APPROVAL_FORBIDDEN')

    // 2. An approver who edited it last may not approve their own change.
    expect((await rest(url, approver, 'PATCH', `/campaigns/${id}`, { throttlePerMinute: 600 })).status).toBe(200)
    const own = await approve(approver, id, 1_001)
    expect(own.status).toBe(403)
    expect(own.body.errors[0].code).toBe('APPROVAL_SAME_PERSON')
    expect((await campaign(id)).approval?.approvedAt ?? null).toBeNull()

    // The approval cannot be written as a field by anyone, not even an admin.
    await rest(url, admin, 'PATCH', `/campaigns/${id}`, {
      approval: { approvedAt: new Date().toISOString(), approvedBy: people.freigabe.id, recipients: 1_001 },
    })
    expect((await campaign(id)).approval?.approvedAt ?? null).toBeNull()

    // 3. Another approver's approval (GraphQL) lets it be scheduled …
    const viaGraphQL = await graphql(
      url,
      secondApprover,
      'mutation ($id: ID!) { approveCampaign(id: $id, confirmation: { recipients: 1001 }) { id status } }',
      { id: String(id) },
    )
    expect(viaGraphQL.errors).toBeUndefined()
    const approved = await campaign(id)
    expect(approved.approval).toMatchObject({ approvedBy: people['freigabe-zwei'].id, recipients: 1_001 })

    // 4. … until a later edit voids it.
    expect((await rest(url, admin, 'PATCH', `/campaigns/${id}`, { name: 'Vier Augen (überarbeitet)' })).status).toBe(
      200,
    )
    expect((await campaign(id)).approval?.approvedAt ?? null).toBeNull()
    expect((await schedule(id, 1_001)).body.errors[0].code).toBe('APPROVAL_REQUIRED')

    // 5. Approved again (REST), it is scheduled.
    expect((await approve(approver, id, 1_001)).status).toBe(200)
    const scheduled = await schedule(id, 1_001)
    expect(scheduled.status).toBe(200)
    expect(scheduled.body.status).toBe('scheduled')
    expect((await rest(url, editor, 'POST', `/campaigns/${id}/cancel`)).status).toBe(200)

    // Every step is in the audit log, with who and the diff; admins read it, editors do not.
    const log = await rest(
      url,
      admin,
      'GET',
      `/audit-log?where[resource][equals]=campaigns&where[documentId][equals]=${id}&sort=id&limit=50`,
    )
    const entries = log.body.docs as Entry[]
    expect(entries.map((entry) => [entry.action, entry.userEmail])).toEqual([
      ['create', people.redaktion.email],
      ['approvalRefused', people.redaktion.email],
      ['update', people.freigabe.email],
      ['approvalRefused', people.freigabe.email],
      ['approve', people['freigabe-zwei'].email],
      ['approvalVoided', 'admin@example.com'],
      ['update', 'admin@example.com'],
      ['approve', people.freigabe.email],
      ['update', people.redaktion.email],
      ['update', people.redaktion.email],
    ])
    expect(entries[2].changes).toContainEqual({ after: 600, before: null, field: 'throttlePerMinute' })
    expect(entries[3].changes).toEqual([{ after: 'APPROVAL_SAME_PERSON', before: null, field: 'approval' }])
    expect(entries[6].changes).toContainEqual({
      after: 'Vier Augen (überarbeitet)',
      before: 'Vier Augen',
      field: 'name',
    })
    expect(entries[6].changes).toContainEqual({
      after: null,
      before: people['freigabe-zwei'].id,
      field: 'approval.approvedBy',
    })
    expect(entries[8].changes).toContainEqual({ after: 'scheduled', before: 'draft', field: 'status' })
    expect(entries[9].changes).toContainEqual({ after: 'cancelled', before: 'scheduled', field: 'status' })
    expect((await rest(url, editor, 'GET', '/audit-log')).status).toBe(403)

    const csv = await fetch(`${url}/api/audit-log/csv?where[documentId][equals]=${id}`, { headers: admin.headers })
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/)
    expect(await csv.text()).toContain('"approve";"campaigns"')
  })
  it('gives an integration key only its scopes: an events-only key records events and cannot read subscribers', async () => {
    const key = async (scopes: string[]) => {
      const apiKey = `shop-${scopes.join('-')}-${kind}-${Date.now()}-${Math.random().toString(36).slice(2)}`
      const created = await rest(url, admin, 'POST', '/users', {
        apiKey,
        apiScopes: scopes,
        email: `shop-${scopes.join('-')}-${kind}-${Date.now()}@example.com`,
        enableAPIKey: true,
        password: 'integration-2026!',
        role: 'integration',
      })
      expect(created.status).toBe(201)
      return { headers: { authorization: `users API-Key ${apiKey}` } }
    }
    const events = await key(['events'])
    // Someone who allows tracking: an open is stored for them (for others the intake drops it, by design).
    const subscriber = (
      await rest(
        url,
        admin,
        'GET',
        '/consent-records?limit=1&depth=0&where[purpose][equals]=tracking&where[action][equals]=confirmed',
      )
    ).body.docs[0].subscriber
    const intake = await rest(url, events, 'POST', '/events', {
      // A shop's event: the mail tracking's own (email_opened, …) are refused from integration keys.
      events: [
        { id: `scoped-${kind}-${Date.now()}`, properties: { form: 'kontakt' }, subscriber, type: 'form_submitted' },
      ],
    })
    expect(intake.status).toBe(200)
    expect(intake.body).toMatchObject({ accepted: 1 })
    expect((await rest(url, events, 'GET', '/subscribers')).status).toBe(403)
    expect((await rest(url, events, 'GET', `/subscribers/${subscriber}`)).status).toBe(403)
    expect((await rest(url, events, 'GET', '/campaigns')).status).toBe(403)
    expect((await rest(url, events, 'POST', '/subscribers', { email: `x-${Date.now()}@example.com` })).status).toBe(403)
    const gql = await graphql(url, events, '{ Subscribers(limit: 1) { docs { email } } }')
    expect(gql.data?.Subscribers ?? null).toBeNull()

    // A subscribers key writes subscribers through the bulk upsert and cannot read them back (nor create one by one,
    // whose refusal of a taken address would tell it who subscribes); a reports key reads reports and records nothing.
    const sync = await key(['subscribers'])
    const email = `Sync-${kind}-${Date.now()}@Example.com`
    expect((await rest(url, sync, 'POST', '/subscribers', { email })).status).toBe(403)
    const upserted = await rest(url, sync, 'POST', '/subscribers/bulk-upsert', { subscribers: [{ email }] })
    expect([upserted.status, upserted.body.results]).toEqual([200, [{ index: 0, status: 'accepted' }]])
    const stored = await rest(
      url,
      admin,
      'GET',
      `/subscribers?where[email][equals]=${encodeURIComponent(email.toLowerCase())}`,
    )
    expect(stored.body.totalDocs).toBe(1)
    expect((await rest(url, sync, 'GET', '/subscribers')).status).toBe(403)
    const reports = await key(['reports'])
    const anyCampaign = (await rest(url, admin, 'GET', '/campaigns?limit=1&depth=0')).body.docs[0].id
    expect((await rest(url, reports, 'GET', `/campaigns/${anyCampaign}/report`)).status).toBe(200)
    expect((await rest(url, reports, 'POST', '/events', { events: [] })).status).toBe(403)
    expect((await rest(url, reports, 'POST', `/campaigns/${anyCampaign}/cancel`)).status).toBe(403)
  })
})
