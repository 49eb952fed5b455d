import { beforeAll, describe, expect, inject, it } from 'vitest'

import { anonymous, graphql, login, rest, type Session } from '../helpers/http'

const servers = inject('servers')

const BLOCK =
  'id title bodyHtml html cta { label url } image { url alt } reason { kind score matchedStage localeFallback explanation excluded { rule count } }'

describe.each(servers)('personalization GraphQL API on $kind', ({ url }) => {
  let admin: Session
  let editor: Session
  let subscriberId: number | string

  beforeAll(async () => {
    admin = await login(url, 'admin@example.com', 'admin-demo-2026')
    editor = await login(url, 'editor@example.com', 'editor-demo-2026')
    const { body } = await rest(
      url,
      admin,
      'GET',
      '/subscribers?limit=1&where[firstName][exists]=true&where[lastName][exists]=true&where[addressForm][equals]=formal&where[gender][equals]=female&where[locale][equals]=de',
    )
    subscriberId = body.docs[0].id
  })

  it("personalizedNewsletter renders a subscriber's newsletter with reasons", async () => {
    const { data, errors } = await graphql(
      url,
      admin,
      `query($id: ID!) { personalizedNewsletter(newsletter: "wochen-update", subscriber: $id) { subject preheader html text slots { key blocks { ${BLOCK} } } } }`,
      { id: subscriberId },
    )
    expect(errors).toBeUndefined()
    const newsletter = data!.personalizedNewsletter
    expect(newsletter.subject).toMatch(/^Ihr Kontorwerk-Update für \S+/)
    expect(newsletter.html).toMatch(/Sehr geehrte Frau (\S+ )*\S+,/)
    expect(newsletter.text).toMatch(/^Sehr geehrte Frau/)
    expect(newsletter.slots.map((slot: { key: string }) => slot.key)).toEqual([
      'aufmacher',
      'wissen',
      'angebot',
      'service',
    ])
    for (const slot of newsletter.slots) {
      for (const block of slot.blocks) {
        expect(newsletter.html).toContain(`block-${block.id}`)
        expect(block.reason.explanation.length).toBeGreaterThan(5)
      }
    }
  })

  it('personalizedLandingPage builds the page for an anonymous context without any profile data', async () => {
    const { data, errors } = await graphql(
      url,
      anonymous,
      `{ personalizedLandingPage(slug: "fuer-sie", context: { stage: "lead", interests: [{ interest: "e-rechnung", weight: 1 }] }) { title headline seoTitle html sections { key blocks { ${BLOCK} } } } }`,
    )
    expect(errors).toBeUndefined()
    const page = data!.personalizedLandingPage
    expect(page.sections[0].blocks[0].title).toBe('E-Rechnungen empfangen, ohne abzutippen')
    expect(page.sections[0].blocks[0].reason).toMatchObject({ kind: 'ranked', matchedStage: 'lead' })
    expect(page.html).toMatch(/^<!doctype html>/)
    expect(page.html).not.toMatch(/@example\.|Sehr geehrte Frau|Herr /)
  })

  it('personalizedBlocks ranks blocks for a frontend', async () => {
    const { data, errors } = await graphql(
      url,
      anonymous,
      `{ personalizedBlocks(filter: { channel: "email", goals: ["nurture"] }, context: { locale: "en", interests: [{ interest: "schnittstellen" }] }, limit: 2) { ${BLOCK} } }`,
    )
    expect(errors).toBeUndefined()
    expect(data!.personalizedBlocks[0]).toMatchObject({
      reason: { kind: 'ranked', localeFallback: false },
      title: 'Open APIs for your systems',
    })
  })

  it.each([
    ['an unknown newsletter', '{ personalizedNewsletter(newsletter: "nope") { subject } }', 'anonymous', 'NOT_FOUND'],
    [
      'a malformed subscriber id',
      '{ personalizedNewsletter(newsletter: "wochen-update", subscriber: "x;drop") { subject } }',
      'admin',
      'BAD_USER_INPUT',
    ],
    [
      'an unknown subscriber id',
      '{ personalizedNewsletter(newsletter: "wochen-update", subscriber: "987654") { subject } }',
      'admin',
      'NOT_FOUND',
    ],
    [
      'a subscriber id without login',
      '{ personalizedNewsletter(newsletter: "wochen-update", subscriber: "1") { subject } }',
      'anonymous',
      'UNAUTHENTICATED',
    ],
    [
      'a subscriber id as editor',
      '{ personalizedNewsletter(newsletter: "wochen-update", subscriber: "1") { subject } }',
      'editor',
      'FORBIDDEN',
    ],
    [
      'a forged token',
      '{ personalizedLandingPage(slug: "fuer-sie", token: "v1.eyJzIjoiMSJ9.AAAA") { title } }',
      'anonymous',
      'INVALID_TOKEN',
    ],
    [
      'an invalid locale',
      '{ personalizedLandingPage(slug: "fuer-sie", context: { locale: "xx" }) { title } }',
      'anonymous',
      'BAD_USER_INPUT',
    ],
  ] as const)('answers %s with a coded error and no document', async (_, query, who, code) => {
    const session = who === 'admin' ? admin : who === 'editor' ? editor : anonymous
    const result = await graphql(url, session, query)
    expect(Object.values(result.data ?? {}).every((value) => value === null)).toBe(true)
    expect(result.errors?.[0].extensions?.code).toBe(code)
    expect(result.errors?.[0].message).not.toBe('Something went wrong.')
  })
})
