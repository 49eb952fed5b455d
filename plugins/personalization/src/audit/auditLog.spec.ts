import type { Payload } from 'payload'

import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { testedDatabases } from '../../../../tests/helpers/databases'
import { createStaff, type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { AUDIT_LOG } from './auditEntry'

type Entry = {
  action: string
  changes: { after?: unknown; before?: unknown; field: string }[]
  documentId: null | string
  resource: string
  title: null | string
  user: number | string
  userEmail: string
}

/** Issue 21: who changed what and when, field by field, for staff changes only; append-only, admins read it. */
describe.each(testedDatabases().filter((kind) => kind !== 'mongodb'))('the audit log (Local API, %s)', (kind) => {
  let local: LocalPayload
  let payload: Payload
  let admin: Awaited<ReturnType<typeof createStaff>>
  let editor: Awaited<ReturnType<typeof createStaff>>

  const entries = async (where: Record<string, unknown> = {}) =>
    (await payload.find({ collection: AUDIT_LOG as never, depth: 0, limit: 100, sort: 'id', where: where as never }))
      .docs as unknown as Entry[]
  const as = (user: typeof admin) => ({ overrideAccess: false, user })

  beforeAll(async () => {
    local = await startLocalPayload(kind, { pushSchema: true })
    payload = local.payload
    admin = await createStaff(payload, 'admin', `admin-${kind}@example.com`)
    editor = await createStaff(payload, 'editor', `editor-${kind}@example.com`)
  })
  afterAll(() => local?.close())

  it('records who created and changed a segment, with a field-level diff, and nothing for a save that changed nothing', async () => {
    const segment = await payload.create({
      collection: 'segments',
      data: { kind: 'static', name: 'Stammkunden' } as never,
      ...as(editor),
    })
    await payload.update({
      collection: 'segments',
      data: { name: 'Stammkunden' } as never,
      id: segment.id,
      ...as(editor),
    })
    await payload.update({
      collection: 'segments',
      data: { description: 'Alle, die zweimal gekauft haben', name: 'Stammkunden 2026' } as never,
      id: segment.id,
      ...as(admin),
    })
    const log = await entries({ resource: { equals: 'segments' }, documentId: { equals: String(segment.id) } })
    expect(log.map((entry) => [entry.action, entry.userEmail])).toEqual([
      ['create', editor.email],
      ['update', admin.email],
    ])
    expect(log[0].title).toBe('Stammkunden')
    expect(log[0].changes).toContainEqual({ after: 'Stammkunden', before: null, field: 'name' })
    expect(log[1].changes).toEqual([
      { after: 'Stammkunden 2026', before: 'Stammkunden', field: 'name' },
      { after: 'Alle, die zweimal gekauft haben', before: null, field: 'description' },
    ])
    expect(String(log[1].user)).toBe(String(admin.id))
  })

  it('logs a segment rule by its field and operator only: a value that may name a person stays out of the log', async () => {
    // Conditions on personal data are for admins only (segments' catalogue).
    const rules = (domain: string, employer: string) => ({
      combinator: 'and',
      rules: [
        { field: 'emailDomain', operator: '=', value: domain },
        { field: 'attribute', operator: 'contains', value: { key: 'arbeitgeber', value: employer } },
      ],
    })
    const segment = await payload.create({
      collection: 'segments',
      data: { kind: 'dynamic', name: 'Kanzlei', rules: rules('kanzlei-mueller.de', 'Müller & Partner') } as never,
      ...as(admin),
    })
    await payload.update({
      collection: 'segments',
      data: { rules: { ...rules('kanzlei-mueller.de', 'Schmidt GmbH'), combinator: 'or' } } as never,
      id: segment.id,
      ...as(admin),
    })
    const log = await entries({ resource: { equals: 'segments' }, documentId: { equals: String(segment.id) } })
    expect(log.map((entry) => entry.action)).toEqual(['create', 'update'])
    expect(JSON.stringify(log)).not.toMatch(/kanzlei-mueller|Müller & Partner|Schmidt|arbeitgeber/)
    // The structure stays readable: which condition, which operator, and that its value was set or changed.
    expect(log[0].changes).toEqual(
      expect.arrayContaining([
        { after: 'emailDomain', before: null, field: 'rules.rules.0.field' },
        { after: '=', before: null, field: 'rules.rules.0.operator' },
        { after: 'Wert geändert', field: 'rules.rules.0.value' },
        { after: 'attribute', before: null, field: 'rules.rules.1.field' },
        { after: 'contains', before: null, field: 'rules.rules.1.operator' },
        { after: 'Wert geändert', field: 'rules.rules.1.value' },
      ]),
    )
    // PostgreSQL keeps a JSON field's keys in its own order: the entries, not their order.
    expect(log[1].changes).toHaveLength(2)
    expect(log[1].changes).toEqual(
      expect.arrayContaining([
        { after: 'or', before: 'and', field: 'rules.combinator' },
        { after: 'Wert geändert', field: 'rules.rules.1.value' },
      ]),
    )
  })

  it('records a content block’s rich text as a short summary, and its deletion', async () => {
    const long = 'Sehr lange Einleitung. '.repeat(30)
    const body = {
      root: {
        children: [{ children: [{ text: long, type: 'text', version: 1 }], type: 'paragraph', version: 1 }],
        type: 'root',
        version: 1,
      },
    }
    const block = await payload.create({
      collection: 'content-blocks',
      data: { body, title: 'Einleitung' } as never,
      ...as(editor),
    })
    await payload.delete({ collection: 'content-blocks', id: block.id, ...as(admin) })
    const log = await entries({ resource: { equals: 'content-blocks' }, documentId: { equals: String(block.id) } })
    expect(log.map((entry) => entry.action)).toEqual(['create', 'delete'])
    const bodyChange = log[0].changes.find((change) => change.field === 'body')
    expect(String(bodyChange?.after)).toMatch(/^Sehr lange Einleitung\. .*… \(\d+ Zeichen\)$/)
    expect(String(bodyChange?.after).length).toBeLessThan(260)
    expect(log[1]).toMatchObject({ title: 'Einleitung', userEmail: admin.email })
  })

  it('logs a global’s change (consent settings), and a user’s role change without secrets', async () => {
    await payload.updateGlobal({
      data: { email: { perDay: 2, perWeek: 4 } } as never,
      slug: 'contact-budget' as never,
      ...as(admin),
    })
    const [budget] = await entries({ resource: { equals: 'contact-budget' } })
    expect(budget.changes).toEqual(
      expect.arrayContaining([
        { after: 2, before: 1, field: 'email.perDay' },
        { after: 4, before: 3, field: 'email.perWeek' },
      ]),
    )
    await payload.update({
      collection: 'users',
      data: { enableAPIKey: true, apiKey: 'geheimer-schluessel-123', role: 'approver' } as never,
      id: editor.id,
      ...as(admin),
    })
    const [roleChange] = await entries({ resource: { equals: 'users' }, action: { equals: 'update' } })
    expect(roleChange.changes).toContainEqual({ after: 'approver', before: 'editor', field: 'role' })
    expect(JSON.stringify(roleChange)).not.toContain('geheimer-schluessel-123')
    expect(roleChange.changes.map((change) => change.field)).not.toContain('hash')
    await payload.update({ collection: 'users', data: { role: 'editor' } as never, id: editor.id, ...as(admin) })
  })

  it('logs a staff change of a subscriber by field name only, and no system write at all', async () => {
    const subscriber = await payload.create({
      collection: 'subscribers',
      data: { email: 'lena.schmidt@example.com', firstName: 'Lena' } as never,
    })
    await payload.update({ collection: 'subscribers', data: { firstName: 'Lene' } as never, id: subscriber.id })
    expect(await entries({ resource: { equals: 'subscribers' } })).toEqual([])
    await payload.update({
      collection: 'subscribers',
      data: { firstName: 'Magdalena' } as never,
      id: subscriber.id,
      ...as(admin),
    })
    const [change] = await entries({ resource: { equals: 'subscribers' } })
    expect(change).toMatchObject({ action: 'update', documentId: String(subscriber.id), title: null })
    expect(change.changes).toEqual([{ field: 'firstName' }])
    // The list column shows the field by its label, in German (the stored path stays searchable).
    expect((change as unknown as { fields: string }).fields).toBe('Vorname')
    expect(JSON.stringify(change)).not.toMatch(/Lene|Magdalena|lena\.schmidt/)
  })

  it('is readable by admins only and cannot be changed or deleted, not even by an admin', async () => {
    const [first] = (await payload.find({ collection: AUDIT_LOG as never, limit: 1 })).docs as { id: number }[]
    await expect(payload.find({ collection: AUDIT_LOG as never, ...as(editor) })).rejects.toThrow()
    expect((await payload.find({ collection: AUDIT_LOG as never, ...as(admin) })).totalDocs).toBeGreaterThan(0)
    await expect(
      payload.update({ collection: AUDIT_LOG as never, data: { title: 'x' } as never, id: first.id, ...as(admin) }),
    ).rejects.toThrow()
    await expect(
      payload.update({ collection: AUDIT_LOG as never, data: { title: 'x' } as never, id: first.id }),
    ).rejects.toThrow(/cannot be changed/)
    await expect(payload.delete({ collection: AUDIT_LOG as never, id: first.id })).rejects.toThrow(/cannot be deleted/)
  })

  it('exports the filtered log as CSV for admins, one line per changed field', async () => {
    const endpoint = payload.collections[AUDIT_LOG as 'users'].config.endpoints as unknown as {
      handler: (req: unknown) => Promise<Response>
      path: string
    }[]
    const csv = endpoint.find((candidate) => candidate.path === '/csv')!
    const asAdmin = await createLocalReq({ user: { ...admin, collection: 'users' } as never }, payload)
    asAdmin.query = { where: { resource: { equals: 'segments' } } }
    const response = await csv.handler(asAdmin)
    expect(response.headers.get('content-type')).toMatch(/text\/csv/)
    const lines = (await response.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toBe('at;user;action;resource;documentId;title;field;before;after')
    expect(lines.some((line) => line.includes('"name";"Stammkunden";"Stammkunden 2026"'))).toBe(true)
    expect(lines.slice(1).every((line) => line.includes('"segments"'))).toBe(true)
    const asEditor = await createLocalReq({ user: { ...editor, collection: 'users' } as never }, payload)
    expect((await csv.handler(asEditor)).status).toBe(403)
  })
})
