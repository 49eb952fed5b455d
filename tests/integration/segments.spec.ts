import { beforeAll, describe, expect, inject, it } from 'vitest'

import { anonymous, graphql, login, rest, type Session } from '../helpers/http'

const servers = inject('servers')

/** Segments over the production server: REST (save-time checks, preview, CSV, export) and GraphQL, with who may see what. */
describe.each(servers)('segments over HTTP on $kind', ({ url }) => {
  let admin: Session
  let editor: Session
  let hotLeads: string
  let mql: string

  const segmentNamed = async (name: string) =>
    (await rest(url, admin, 'GET', `/segments?depth=0&where[name][equals]=${encodeURIComponent(name)}`)).body.docs[0]
  const post = (session: Session, path: string, body: string, type: string) =>
    fetch(`${url}/api${path}`, { body, headers: { ...session.headers, 'content-type': type }, method: 'POST' }).then(
      async (response) => ({
        body: response.headers.get('content-type')?.includes('json') ? await response.json() : await response.text(),
        status: response.status,
      }),
    )

  beforeAll(async () => {
    admin = await login(url, 'admin@example.com', 'admin-demo-2026')
    editor = await login(url, 'editor@example.com', 'editor-demo-2026')
    hotLeads = String((await segmentNamed('Heiße Leads')).id)
    mql = String((await rest(url, admin, 'GET', '/lifecycle-stages?where[key][equals]=mql&depth=0')).body.docs[0].id)
  })

  it('counts a segment for editors, and lists members with emails for admins only', async () => {
    const count = await graphql(url, editor, 'query ($id: ID!) { segmentCount(id: $id) }', { id: hotLeads })
    expect(count.errors).toBeUndefined()
    expect(count.data!.segmentCount).toBeGreaterThan(0)

    const query =
      'query ($id: ID!) { segmentMembers(id: $id, page: 1, limit: 5) { totalDocs totalPages ids members { id email } } }'
    const members = await graphql(url, admin, query, { id: hotLeads })
    expect(members.data!.segmentMembers.totalDocs).toBe(count.data!.segmentCount)
    expect(members.data!.segmentMembers.members[0].email).toMatch(/@/)

    expect((await graphql(url, editor, query, { id: hotLeads })).errors?.[0].extensions?.code).toBe('FORBIDDEN')
    expect(
      (await graphql(url, anonymous, 'query ($id: ID!) { segmentCount(id: $id) }', { id: hotLeads })).errors?.[0]
        .extensions?.code,
    ).toBe('UNAUTHENTICATED')
    expect((await graphql(url, admin, 'query { segmentCount(id: "99999") }')).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    )
  })

  it("names a member's segments", async () => {
    const { ids } = (
      await graphql(url, admin, 'query ($id: ID!) { segmentMembers(id: $id) { ids } }', { id: hotLeads })
    ).data!.segmentMembers
    const result = await graphql(
      url,
      admin,
      'query ($s: ID!) { subscriberSegments(subscriber: $s) { id name kind } }',
      { s: ids[0] },
    )
    expect(result.data!.subscriberSegments.map((segment: { name: string }) => segment.name)).toContain('Heiße Leads')
  })

  it('rejects a bad tree at save time with the place named, and stores nothing', async () => {
    const before = (await rest(url, editor, 'GET', '/segments?limit=0')).body.totalDocs
    const bad = await rest(url, editor, 'POST', '/segments', {
      kind: 'dynamic',
      name: 'Kaputt',
      rules: {
        combinator: 'and',
        rules: [
          { field: 'stage', operator: 'is', value: mql },
          { combinator: 'or', rules: [{ field: 'shoeSize', operator: '=', value: 42 }] },
        ],
      },
    })
    expect(bad.status).toBe(400)
    // In the admin's language (German by default), the place as an editor counts it.
    expect(JSON.stringify(bad.body)).toContain('Regel 2.1: unbekanntes Feld \\"shoeSize\\"')
    const malformed = await rest(url, editor, 'POST', '/segments', {
      kind: 'dynamic',
      name: 'Kaputt',
      rules: { combinator: 'xor', rules: 'nope' },
    })
    expect(malformed.status).toBe(400)
    expect(JSON.stringify(malformed.body)).toContain('Regeln: die Verknüpfung muss „und“ oder „oder“ sein')
    expect((await rest(url, editor, 'GET', '/segments?limit=0')).body.totalDocs).toBe(before)
  })

  it('lets only admins use conditions on personal data; editors keep what an admin stored as it is', async () => {
    const bigCompanies = {
      combinator: 'and',
      rules: [{ field: 'attribute', operator: '>=', value: { key: 'companySize', value: 50 } }],
    }
    const refused = await rest(url, editor, 'POST', '/segments', {
      kind: 'dynamic',
      name: 'Große Firmen',
      rules: bigCompanies,
    })
    expect(refused.status).toBe(400)
    expect(JSON.stringify(refused.body)).toContain(
      'Regel 1: Eigenes Merkmal: Bedingungen auf personenbezogenen Daten (E-Mail-Domain, eigene Merkmale, Fit- und Gesamtscore, Persona-Fit) legen nur Admins an',
    )
    const preview = await post(
      editor,
      '/segments/preview',
      JSON.stringify({
        rules: { combinator: 'and', rules: [{ field: 'emailDomain', operator: '=', value: 'example.com' }] },
      }),
      'application/json',
    )
    expect(preview.status).toBe(400)
    expect(preview.body.errors[0].path).toBe('rules[0]')

    const created = await rest(url, admin, 'POST', '/segments', {
      kind: 'dynamic',
      name: `Große Firmen ${Date.now()}`,
      rules: bigCompanies,
    })
    expect(created.status).toBe(201)
    // The editor may rename it, keeping its rules; any change to them (even a condition of their own) is the admin's.
    const renamed = await rest(url, editor, 'PATCH', `/segments/${created.body.doc.id}`, {
      name: `${created.body.doc.name} (DE)`,
      rules: bigCompanies,
    })
    expect(renamed.status).toBe(200)
    for (const extra of [
      { field: 'locale', operator: '=', value: 'de' },
      { field: 'emailDomain', operator: '=', value: 'example.com' },
    ]) {
      const changed = await rest(url, editor, 'PATCH', `/segments/${created.body.doc.id}`, {
        rules: { combinator: 'and', rules: [...bigCompanies.rules, extra] },
      })
      expect(changed.status).toBe(400)
    }
    expect((await rest(url, admin, 'GET', `/segments/${created.body.doc.id}?depth=0`)).body.rules.rules).toHaveLength(1)
  })

  it('previews rules while editing: count and sample, emails only for admins, problems with their place', async () => {
    const rules = { combinator: 'and', rules: [{ field: 'stage', operator: 'atLeast', value: mql }] }
    const forAdmin = await post(admin, '/segments/preview', JSON.stringify({ rules }), 'application/json')
    const forEditor = await post(editor, '/segments/preview', JSON.stringify({ rules }), 'application/json')
    expect(forAdmin.status).toBe(200)
    expect(forAdmin.body.count).toBe(forEditor.body.count)
    expect(forAdmin.body.sample[0].email).toMatch(/@/)
    expect(forEditor.body.sample[0]).not.toHaveProperty('email')
    // Independently: "at least MQL" is every subscriber whose stage is ordered at or after MQL.
    const stages = (await rest(url, admin, 'GET', '/lifecycle-stages?limit=0&depth=0')).body.docs as {
      id: number | string
      order: number
    }[]
    const order = stages.find((stage) => String(stage.id) === mql)!.order
    const atLeast = stages.filter((stage) => stage.order >= order).map((stage) => stage.id)
    const expected = (
      await rest(
        url,
        admin,
        'GET',
        `/subscribers?limit=0&${atLeast.map((id, index) => `where[stage][in][${index}]=${id}`).join('&')}`,
      )
    ).body.totalDocs
    expect(forAdmin.body.count).toBe(expected)

    const broken = await post(
      editor,
      '/segments/preview',
      JSON.stringify({
        rules: {
          combinator: 'and',
          rules: [{ field: 'events', operator: 'atLeast', value: { type: 'email_clicked', count: 2 } }],
        },
      }),
      'application/json',
    )
    expect(broken.status).toBe(400)
    expect(broken.body.errors).toEqual([
      {
        code: 'Days',
        message: 'Ereignisse im Zeitraum: die Tage müssen eine ganze Zahl von 1 bis 3660 sein',
        path: 'rules[0]',
      },
    ])
    expect((await post(anonymous, '/segments/preview', JSON.stringify({ rules }), 'application/json')).status).toBe(401)
  })

  it('imports a CSV list all or nothing, and exports it', async () => {
    const list = (await rest(url, admin, 'POST', '/segments', { kind: 'static', name: `Messe-Kontakte ${Date.now()}` }))
      .body.doc
    const emails = (await rest(url, admin, 'GET', '/subscribers?limit=2&depth=0&sort=id')).body.docs.map(
      (doc: { email: string }) => doc.email,
    )

    const bad = await post(
      admin,
      `/segments/${list.id}/import`,
      `email,name\n${emails[0]},A\nkein-at-zeichen,B\nniemand@unbekannt.example,C\n`,
      'text/csv',
    )
    expect(bad.status).toBe(422)
    expect(bad.body.errors).toEqual([
      { message: '"kein-at-zeichen" is not a valid email address', row: 3 },
      { message: 'No subscriber with the email niemand@unbekannt.example', row: 4 },
    ])
    expect((await rest(url, admin, 'GET', `/segments/${list.id}`)).body.memberCount ?? 0).toBe(0)
    expect((await post(editor, `/segments/${list.id}/import`, `email\n${emails[0]}\n`, 'text/csv')).status).toBe(403)

    const good = await post(
      admin,
      `/segments/${list.id}/import`,
      `E-Mail\n${emails[0]}\n${emails[1].toUpperCase()}\n${emails[0]}\n`,
      'text/csv',
    )
    expect(good.body).toEqual({ imported: 2, memberCount: 2 })
    const count = await graphql(url, editor, 'query ($id: ID!) { segmentCount(id: $id) }', { id: String(list.id) })
    expect(count.data!.segmentCount).toBe(2)

    const exported = await fetch(`${url}/api/segments/${list.id}/export`, { headers: admin.headers })
    expect(exported.headers.get('content-type')).toContain('text/csv')
    expect(
      (await exported.text())
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[1].replaceAll('"', '')),
    ).toEqual(emails)
  })

  it('freezes a dynamic segment into a static one with the same members', async () => {
    const frozen = await graphql(
      url,
      editor,
      'mutation ($id: ID!) { freezeSegment(id: $id, name: "Heiße Leads (eingefroren)") { id name memberCount } }',
      { id: hotLeads },
    )
    expect(frozen.errors).toBeUndefined()
    const live = (
      await graphql(url, admin, 'query ($id: ID!) { segmentMembers(id: $id, limit: 1000) { ids } }', { id: hotLeads })
    ).data!.segmentMembers.ids
    const copy = (
      await graphql(url, admin, 'query ($id: ID!) { segmentMembers(id: $id, limit: 1000) { ids } }', {
        id: frozen.data!.freezeSegment.id,
      })
    ).data!.segmentMembers.ids
    expect(copy).toEqual(live)
    expect(frozen.data!.freezeSegment.memberCount).toBe(live.length)
    const stored = (await rest(url, admin, 'GET', `/segments/${frozen.data!.freezeSegment.id}?depth=0`)).body
    expect(stored).toMatchObject({ frozenFrom: Number(hotLeads) || hotLeads, kind: 'static', memberCount: live.length })
    expect(stored.frozenAt).toBeTruthy()
  })
})
