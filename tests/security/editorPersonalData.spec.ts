import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { graphql, login, rest, type Session } from '../helpers/http'

const servers = inject('servers')

type FieldErrors = { errors: { data?: { errors?: { message: string; path: string }[] }; message: string }[] }

/**
 * An editor must never learn a subscriber's personal data (email and its domain, names, title,
 * gender, custom attributes). These are the sideways paths an attacker holding the demo's editor
 * account would try: read what scoring computed from that data, write a rule or profile that
 * computes it and read the result back, or let a segment count and sample it. The demo's profile
 * rule "E-Mail-Domain eines Wettbewerbers" (−50) is the bait: nobody but an admin may learn that
 * the subscriber below matched it.
 */
describe.each(servers)('an editor reading personal data sideways on $kind', ({ url }) => {
  let admin: Session
  let editor: Session
  const stamp = Date.now()
  const created: { collection: string; id: number | string }[] = []
  let stages: Record<string, number | string>
  let rival: number | string
  let buyer: number | string

  const fieldErrorsOf = (body: FieldErrors) =>
    (body.errors[0].data?.errors ?? []).map(({ message, path }) => `${path}: ${message}`)
  const keep = <T extends { id: number | string }>(collection: string, doc: T) => (
    created.push({ collection, id: doc.id }),
    doc
  )
  const preview = (session: Session, rules: unknown, segment?: number | string) =>
    fetch(`${url}/api/segments/preview`, {
      body: JSON.stringify({ rules, segment }),
      headers: { ...session.headers, 'content-type': 'application/json' },
      method: 'POST',
    }).then(async (response) => ({
      body: await response.json(),
      status: response.status,
    }))
  const and = (...rules: unknown[]) => ({ combinator: 'and', rules })

  beforeAll(async () => {
    admin = await login(url, 'admin@example.com', 'admin-demo-2026')
    editor = await login(url, 'editor@example.com', 'editor-demo-2026')
    stages = Object.fromEntries(
      (
        (await rest(url, admin, 'GET', '/lifecycle-stages?limit=0&depth=0')).body.docs as {
          id: number | string
          key: string
        }[]
      ).map((stage) => [stage.key, stage.id]),
    )
    // A competitor's buyer: −50 (competitor domain) + 25 (owner) + 15 (12 staff) + 5 (German region) = −5.
    const rivalDoc = (
      await rest(url, admin, 'POST', '/subscribers', {
        attributes: { companySize: 12, role: 'Inhaber' },
        email: `einkauf-${stamp}@datev.de`,
        region: 'DE-BY',
        stage: stages.lead,
      })
    ).body.doc
    rival = keep('subscribers', rivalDoc).id
    // A managing director: 25 + 15 + 5 = fit 45; three demo requests (3 × 25) make the total 120, past the demo's MQL threshold.
    const buyerDoc = (
      await rest(url, admin, 'POST', '/subscribers', {
        attributes: { companySize: 50, role: 'Geschäftsführung' },
        email: `chefin-${stamp}@mittelstand.example`,
        region: 'DE-BY',
        stage: stages.lead,
      })
    ).body.doc
    buyer = keep('subscribers', buyerDoc).id
    const events = [1, 2, 3].map((n) => ({
      id: `security-${stamp}-${n}`,
      properties: { form: 'demo-anfrage' },
      subscriber: buyer,
      type: 'form_submitted',
    }))
    expect((await rest(url, admin, 'POST', '/events', { events })).status).toBe(200)
  })

  afterAll(async () => {
    for (const { collection, id } of created.reverse()) await rest(url, admin, 'DELETE', `/${collection}/${id}`)
  })

  it("cannot read a subscriber's fit or persona fits (REST, GraphQL, the score explanation)", async () => {
    expect((await rest(url, admin, 'GET', `/subscribers/${rival}?depth=0`)).body.score.fitAttributes).toBe(-5)

    const seen = (await rest(url, editor, 'GET', `/subscribers/${rival}?depth=0`)).body
    expect(seen.region).toBe('DE-BY') // the marketing profile stays readable
    expect(seen.score?.fitAttributes).toBeUndefined()
    expect(seen.score?.personaFits).toBeUndefined()
    const listed = (await rest(url, editor, 'GET', `/subscribers?depth=0&limit=5&where[id][equals]=${rival}`)).body
      .docs[0]
    expect(listed.score?.fitAttributes).toBeUndefined()

    const gql = await graphql(
      url,
      editor,
      'query ($id: Int!) { Subscriber(id: $id) { region score { fitAttributes personaFits } } }',
      { id: Number(rival) },
    )
    expect(gql.data?.Subscriber?.region).toBe('DE-BY')
    expect(gql.data?.Subscriber?.score?.fitAttributes ?? null).toBeNull()
    expect(gql.data?.Subscriber?.score?.personaFits ?? null).toBeNull()

    const explained = await graphql(
      url,
      editor,
      'query ($id: ID!) { leadScore(subscriber: $id) { fit attributeRules { name } } }',
      { id: String(rival) },
    )
    expect(explained.errors?.[0].extensions?.code).toBe('FORBIDDEN')
  })

  it('cannot find, count or order subscribers by their fit', async () => {
    for (const query of [
      `where[score.fitAttributes][less_than]=0`,
      `where[score.personaFits][exists]=true`,
      'sort=score.fitAttributes',
      'sort=-score.fitAttributes',
    ]) {
      const answer = await rest(url, editor, 'GET', `/subscribers?depth=0&limit=3&${query}`)
      expect(answer.status, query).toBe(400)
      expect(JSON.stringify(answer.body), query).toMatch(/cannot be queried/)
    }
    expect((await rest(url, editor, 'GET', '/subscribers/count?where[score.fitAttributes][less_than]=0')).status).toBe(
      400,
    )
    const gql = await graphql(
      url,
      editor,
      '{ Subscribers(where: { score__fitAttributes: { less_than: 0 } }) { totalDocs } }',
    )
    expect(gql.data?.Subscribers ?? null).toBeNull()
    expect(gql.errors?.[0].message).toMatch(/cannot be queried/)
  })

  it('cannot read the fit and total a stage threshold noted in the stage history', async () => {
    const moved = async () =>
      (
        (await rest(url, admin, 'GET', `/subscribers/${buyer}?depth=0`)).body.stageHistory as {
          reason?: string
          source: string
        }[]
      ).find((entry) => entry.source === 'threshold')
    await expect.poll(moved).toBeTruthy()
    expect((await moved())!.reason).toMatch(/Fit 45, Engagement 75, Gesamt 120/)

    const seen = (await rest(url, editor, 'GET', `/subscribers/${buyer}?depth=0`)).body
    expect(seen.stage).toBe(stages.mql) // the stage is a label editors work with
    const entry = (seen.stageHistory as { reason?: string; source: string }[]).find(
      (candidate) => candidate.source === 'threshold',
    )
    expect(entry).toBeTruthy()
    expect(entry!.reason).toBeUndefined()
  })

  it("cannot write a profile rule that tests personal data, nor change the demo's competitor rule", async () => {
    const refused =
      'condition.attribute: Profilregeln auf personenbezogenen Feldern (E-Mail, E-Mail-Domain, Namen, Titel, Anrede, eigene Merkmale, Fit-Werte) legen und ändern nur Admins an; Sie können sie umbenennen.'
    for (const attribute of [
      'emailDomain',
      'email',
      'lastName',
      'gender',
      'attributes.role',
      'score.fitAttributes',
      'score.personaFits.1',
    ]) {
      const answer = await rest(url, editor, 'POST', '/scoring-rules', {
        condition: { attribute, operator: 'exists' },
        kind: 'attribute',
        name: `Probe ${attribute}`,
        points: 1,
      })
      expect(answer.status, attribute).toBe(400)
      expect(fieldErrorsOf(answer.body), attribute).toEqual([refused])
    }
    expect((await rest(url, editor, 'GET', `/scoring-rules?limit=0&where[name][like]=Probe`)).body.totalDocs).toBe(0)
    // Public fields stay open to editors.
    keep(
      'scoring-rules',
      (
        await rest(url, editor, 'POST', '/scoring-rules', {
          condition: { attribute: 'region', operator: 'contains', values: ['AT-'] },
          kind: 'attribute',
          name: `Österreich ${stamp}`,
          points: 3,
        })
      ).body.doc,
    )

    const competitor = (
      await rest(
        url,
        admin,
        'GET',
        `/scoring-rules?depth=0&where[name][equals]=${encodeURIComponent('E-Mail-Domain eines Wettbewerbers')}`,
      )
    ).body.docs[0]
    for (const change of [
      { points: 1 },
      { active: false },
      { condition: { ...competitor.condition, values: ['datev.de'] } },
      { kind: 'event', eventType: 'download' },
      { condition: { attribute: 'region', operator: 'in', values: ['DE-BY'] } },
    ]) {
      const answer = await rest(url, editor, 'PATCH', `/scoring-rules/${competitor.id}`, change)
      expect(answer.status, JSON.stringify(change)).toBe(400)
    }
    expect((await rest(url, admin, 'GET', `/scoring-rules/${competitor.id}?depth=0`)).body).toMatchObject({
      active: true,
      condition: competitor.condition,
      points: -50,
    })
    // An admin's rule an editor may rename, nothing more.
    const own = keep(
      'scoring-rules',
      (
        await rest(url, admin, 'POST', '/scoring-rules', {
          condition: { attribute: 'attributes.role', operator: 'in', values: ['Einkauf'] },
          kind: 'attribute',
          name: `Einkauf ${stamp}`,
          points: 5,
        })
      ).body.doc,
    )
    expect((await rest(url, editor, 'PATCH', `/scoring-rules/${own.id}`, { name: `Einkäufer ${stamp}` })).status).toBe(
      200,
    )
  })

  it('cannot write a persona profile (the primary persona it decides is visible)', async () => {
    const refused =
      'profile: Das Attributprofil legen und ändern nur Admins (es entscheidet über die primäre Persona aus persönlichen Merkmalen); Name und Beschreibung können Sie ändern.'
    const personaCount = async () => (await rest(url, admin, 'GET', '/personas?limit=0')).body.totalDocs
    const before = await personaCount()
    for (const profile of [
      [{ attribute: 'attributes.role', operator: 'in', values: ['Inhaber'], weight: 5 }],
      [
        { attribute: 'locale', operator: 'in', values: ['de'], weight: 3 },
        { attribute: 'locale', operator: 'in', values: ['xx'], weight: 1 },
      ],
    ]) {
      const answer = await rest(url, editor, 'POST', '/personas', {
        name: `Sonde ${stamp}`,
        profile,
        slug: `sonde-${stamp}`,
      })
      expect(answer.status).toBe(400)
      expect(fieldErrorsOf(answer.body)).toEqual([refused])
    }
    expect(await personaCount()).toBe(before)

    const persona = keep(
      'personas',
      (
        await rest(url, admin, 'POST', '/personas', {
          name: `Einkauf ${stamp}`,
          profile: [
            { attribute: 'attributes.role', operator: 'in', values: ['Einkauf'], weight: 3 },
            { attribute: 'region', operator: 'in', values: ['DE-BY', 'DE-BW'], weight: 1 },
          ],
          slug: `einkauf-${stamp}`,
        })
      ).body.doc,
    )
    // Dropping the public trait would leave a pure test of the role.
    const narrowed = await rest(url, editor, 'PATCH', `/personas/${persona.id}`, { profile: [persona.profile[0]] })
    expect(narrowed.status).toBe(400)
    expect((await rest(url, admin, 'GET', `/personas/${persona.id}?depth=0`)).body.profile).toHaveLength(2)
    expect(
      (
        await rest(url, editor, 'PATCH', `/personas/${persona.id}`, {
          description: 'Einkaufsleitung',
          name: `Einkaufsleitung ${stamp}`,
          profile: persona.profile,
        })
      ).status,
    ).toBe(200)
    // A persona without a profile (for tagging content) is the editor's to create.
    const plain = await rest(url, editor, 'POST', '/personas', { name: `Nur Tag ${stamp}`, slug: `nur-tag-${stamp}` })
    expect(plain.status).toBe(201)
    keep('personas', plain.body.doc)
  })

  it('cannot write stage thresholds (the stage they move is visible)', async () => {
    const probe = await rest(url, editor, 'POST', '/stage-rules', {
      fromStages: [stages.lead],
      minFit: -10,
      name: `Sonde ${stamp}`,
      toStage: stages.subscriber,
    })
    expect(probe.status).toBe(403)
    const mql = (await rest(url, admin, 'GET', `/stage-rules?depth=0&where[toStage][equals]=${stages.mql}`)).body
      .docs[0]
    expect((await rest(url, editor, 'PATCH', `/stage-rules/${mql.id}`, { minFit: -10 })).status).toBe(403)
    expect((await rest(url, admin, 'GET', `/stage-rules/${mql.id}?depth=0`)).body.minFit).toBe(40)
  })

  it('cannot select subscribers by fit, total or persona fit in a segment', async () => {
    const persona = (
      await rest(url, admin, 'GET', '/personas?where[slug][equals]=geschaeftsfuehrung-mittelstand&depth=0')
    ).body.docs[0]
    // The refusal in the admin's language (German by default), the condition by its label.
    const labels: Record<string, string> = { fitScore: 'Fit-Score', persona: 'Persona', totalScore: 'Gesamtscore' }
    for (const rule of [
      { field: 'fitScore', operator: '<=', value: -40 },
      { field: 'totalScore', operator: '<', value: 0 },
      { field: 'persona', operator: 'fitAtLeast', value: { percent: 60, persona: String(persona.id) } },
    ]) {
      const saved = await rest(url, editor, 'POST', '/segments', {
        kind: 'dynamic',
        name: `Sonde ${stamp}`,
        rules: and(rule),
      })
      expect(saved.status, rule.field).toBe(400)
      expect(JSON.stringify(saved.body), rule.field).toContain(
        `Regel 1: ${labels[rule.field]}: Bedingungen auf personenbezogenen Daten (E-Mail-Domain, eigene Merkmale, Fit- und Gesamtscore, Persona-Fit) legen nur Admins an`,
      )
      const previewed = await preview(editor, and(rule))
      expect(previewed.status, rule.field).toBe(400)
      expect(previewed.body.errors[0]).toMatchObject({ code: 'PersonalCondition', path: 'rules[0]' })
    }
    // "Primary persona is" is a label editors see on every subscriber anyway.
    expect((await preview(editor, and({ field: 'persona', operator: 'is', value: String(persona.id) }))).status).toBe(
      200,
    )
  })

  it("sees the count of an admin's segment on personal data, but not who is in it, and cannot build on it", async () => {
    const competitors = keep(
      'segments',
      (
        await rest(url, admin, 'POST', '/segments', {
          kind: 'dynamic',
          name: `Wettbewerber ${stamp}`,
          rules: and({ field: 'emailDomain', operator: '=', value: 'datev.de' }),
        })
      ).body.doc,
    )

    const forAdmin = await preview(admin, competitors.rules, competitors.id)
    expect(forAdmin.body.sample.map((member: { email: string }) => member.email)).toContain(`einkauf-${stamp}@datev.de`)
    const forEditor = await preview(editor, competitors.rules, competitors.id)
    expect(forEditor.status).toBe(200)
    expect(forEditor.body).toEqual({ count: forAdmin.body.count, sample: [], sampleWithheld: true })
    const hotLeads = (
      await rest(url, admin, 'GET', `/segments?depth=0&where[name][equals]=${encodeURIComponent('Heiße Leads')}`)
    ).body.docs[0]
    const hot = await preview(editor, hotLeads.rules, hotLeads.id)
    expect(hot.body.sample).toEqual([])
    expect(
      (await graphql(url, editor, 'query ($id: ID!) { segmentCount(id: $id) }', { id: String(competitors.id) })).data
        ?.segmentCount,
    ).toBe(forAdmin.body.count)

    // Narrowing the admin's tree to one person would make its count a yes or no about that person.
    const narrowed = await rest(url, editor, 'PATCH', `/segments/${competitors.id}`, {
      rules: and(...competitors.rules.rules, { field: 'region', operator: '=', value: 'DE-BY' }),
    })
    expect(narrowed.status).toBe(400)
    expect(JSON.stringify(narrowed.body)).toContain(
      'Regeln: dieses Segment wählt nach personenbezogenen Daten aus (E-Mail-Domain, eigene Merkmale, Fit- oder Gesamtscore, Persona-Fit): nur Admins dürfen seine Regeln ändern',
    )
    expect(
      (
        await rest(url, editor, 'PATCH', `/segments/${competitors.id}`, {
          name: `Mitbewerber ${stamp}`,
          rules: competitors.rules,
        })
      ).status,
    ).toBe(200)

    // Nor may an editor use it, or a list frozen from it, in a tree of their own.
    const frozen = await graphql(url, editor, 'mutation ($id: ID!) { freezeSegment(id: $id) { id memberCount } }', {
      id: String(competitors.id),
    })
    expect(frozen.data?.freezeSegment.memberCount).toBe(forAdmin.body.count)
    keep('segments', frozen.data!.freezeSegment)
    for (const used of [competitors.id, hotLeads.id, frozen.data!.freezeSegment.id]) {
      const rules = and(
        { field: 'segment', operator: 'in', value: String(used) },
        { field: 'region', operator: '=', value: 'DE-BY' },
      )
      const saved = await rest(url, editor, 'POST', '/segments', { kind: 'dynamic', name: `Sonde ${stamp}`, rules })
      expect(saved.status, String(used)).toBe(400)
      expect(JSON.stringify(saved.body)).toContain(
        `Regel 1: Segment ${used} wählt nach personenbezogenen Daten aus: nur Admins dürfen es verwenden`,
      )
      expect((await preview(editor, rules)).status).toBe(400)
    }
  })
})
