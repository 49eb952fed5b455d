import type { Payload, PayloadRequest } from 'payload'

import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Subscriber } from '../documents'

import { fieldErrors } from '../../../../tests/helpers/errors'
import { type LocalPayload } from '../../../../tests/helpers/localPayload'
import { startDemoPayload } from '../../../../tests/helpers/referenceApp'
import { CodedError } from '../errors'
import { recordEvents } from '../events/intake'
import { paragraphsToRichText } from '../utilities/richText'
import { personalizationToken, personalizedBlocks, personalizedLandingPage, personalizedNewsletter } from './service'

describe('personalized documents from the demo data (Local API, SQLite)', () => {
  let local: LocalPayload
  let payload: Payload
  let asAdmin: PayloadRequest
  let asEditor: PayloadRequest
  let asPublic: PayloadRequest

  const stageId = async (key: string) =>
    (await payload.find({ collection: 'lifecycle-stages', where: { key: { equals: key } } })).docs[0].id
  const interestId = async (slug: string) =>
    (await payload.find({ collection: 'interests', where: { slug: { equals: slug } } })).docs[0].id
  const personaId = async (slug: string) =>
    (await payload.find({ collection: 'personas', where: { slug: { equals: slug } } })).docs[0].id
  const subscriberWith = async (data: Partial<Subscriber>) =>
    payload.create({
      collection: 'subscribers',
      data: { email: `reader-${Math.random().toString(36).slice(2)}@example.com`, ...data } as never,
      showHiddenFields: true,
    })
  const codeOf = async (promise: Promise<unknown>) => {
    try {
      await promise
    } catch (error) {
      if (error instanceof CodedError) return error.code
      throw error
    }
    return 'no error'
  }

  beforeAll(async () => {
    local = await startDemoPayload('sqlite', { pushSchema: true })
    payload = local.payload
    const users = await payload.find({ collection: 'users' })
    asAdmin = await createLocalReq(
      { user: { ...users.docs.find((u) => u.role === 'admin')!, collection: 'users' } },
      payload,
    )
    asEditor = await createLocalReq(
      { user: { ...users.docs.find((u) => u.role === 'editor')!, collection: 'users' } },
      payload,
    )
    asPublic = await createLocalReq({}, payload)
  })
  afterAll(() => local?.close())

  it('assembles the weekly newsletter for a subscriber: subject, preheader, HTML, text, reasons', async () => {
    const anna = await subscriberWith({
      academicTitle: 'Dr.',
      firstName: 'Anna',
      gender: 'female',
      lastName: 'Berger',
      stage: await stageId('lead'),
    })
    const result = await personalizedNewsletter(asAdmin, { newsletter: 'wochen-update', subscriber: anna.id })

    expect(result.subject).toBe('Ihr Kontorwerk-Update für Frau Dr. Berger')
    expect(result.preheader).toBe('Praxistipps zu Buchhaltung, Steuern und Digitalisierung')
    expect(result.slots.map((slot) => [slot.key, slot.blocks.length])).toEqual([
      ['aufmacher', 1],
      ['wissen', 2],
      ['angebot', 1],
      ['service', 1],
    ])
    const titles = result.slots.flatMap((slot) => slot.blocks.map((block) => block.title))
    expect(new Set(titles).size).toBe(5)

    // HTML structure (not MJML's exact bytes): a full document, the salutation, every block, absolute links and images.
    expect(result.html).toMatch(/^<!doctype html>/i)
    expect(result.html).toContain('<html lang="de"')
    expect(result.html).toContain('Sehr geehrte Frau Dr. Berger,')
    expect(result.html).toContain('Praxistipps zu Buchhaltung, Steuern und Digitalisierung') // hidden preheader
    for (const title of titles) expect(result.html).toContain(title.replace(/&/g, '&amp;'))
    expect(result.html).not.toMatch(/\{\{|\{%|%%[A-Z]+%%/)
    for (const [, href] of result.html.matchAll(/href="([^"]+)"/g)) expect(href).toMatch(/^https?:\/\//)
    for (const [, src] of result.html.matchAll(/<img[^>]+src="([^"]+)"/g))
      expect(src).toMatch(/^https?:\/\/.+\/api\/media\/file\//)

    // Plain text: salutation first, then every block with its link spelled out.
    expect(result.text.startsWith('Sehr geehrte Frau Dr. Berger,\n')).toBe(true)
    for (const title of titles) expect(result.text).toContain(title)
    expect(result.text).toMatch(/: https?:\/\/\S+/)
    expect(result.text).not.toMatch(/<[a-z]/i)

    for (const block of result.slots.flatMap((slot) => slot.blocks)) {
      expect(['ranked', 'fallback']).toContain(block.reason.kind)
    }
  })

  const recorded = async (subscriber: number | string, type: string, properties: object, daysAgo = 0) => {
    const result = await recordEvents(
      payload,
      [
        {
          id: `spec-${Math.random().toString(36).slice(2)}`,
          occurredAt: new Date(Date.now() - daysAgo * 86_400_000).toISOString(),
          properties,
          subscriber: String(subscriber),
          type,
        },
      ],
      { allowSystem: type === 'stage_changed', source: 'spec' },
    )
    expect(result.results.map((entry) => entry.status)).toEqual(['accepted'])
  }
  const titlesIn = (result: { slots: { blocks: { title: string }[]; key: string }[] }, key: string) =>
    result.slots.find((slot) => slot.key === key)!.blocks.map((block) => block.title)

  it('withholds a discount after a purchase event, and offers it again once the guard period is over', async () => {
    // "Alice": the shop posts a purchase; the profile's purchases field plays no part.
    const alice = await subscriberWith({ locale: 'de', stage: await stageId('customer') })
    const before = await personalizedNewsletter(asAdmin, { newsletter: 'wochen-update', subscriber: alice.id })
    expect(titlesIn(before, 'angebot')).toEqual(['20 % auf das Lohnmodul'])
    await recorded(alice.id, 'purchase', { amount: 490, product: 'lohn-modul' }, 3)
    const after = await personalizedNewsletter(asAdmin, { newsletter: 'wochen-update', subscriber: alice.id })
    expect(titlesIn(after, 'angebot')).not.toContain('20 % auf das Lohnmodul')

    // Past the 30-day guard, still short of the 60 quiet days that would make them at risk.
    const longAgo = await subscriberWith({ stage: await stageId('customer') })
    await recorded(longAgo.id, 'purchase', { amount: 490, product: 'lohn-modul' }, 45)
    const later = await personalizedNewsletter(asAdmin, { newsletter: 'wochen-update', subscriber: longAgo.id })
    expect(titlesIn(later, 'angebot')).toEqual(['20 % auf das Lohnmodul'])
  })

  it('never offers acquisition to a former customer: a purchase or a stage change into a customer stage is enough', async () => {
    const offer = await payload.create({
      collection: 'content-blocks',
      data: {
        _status: 'published',
        body: paragraphsToRichText(['Nur für Neukunden: drei Monate gratis.']),
        channels: ['landing_page'],
        goal: 'acquisition',
        priority: 100,
        title: 'Neukundenangebot',
      } as never,
    })
    try {
      const atRisk = await stageId('at_risk')
      const offered = async (subscriber: Subscriber) => {
        const page = await personalizedLandingPage(asPublic, {
          slug: 'fuer-sie',
          token: personalizationToken(payload, subscriber),
        })
        return page.sections.flatMap((section) => section.blocks.map((block) => block.title))
      }
      const neverBought = await subscriberWith({ stage: atRisk })
      expect(await offered(neverBought)).toContain('Neukundenangebot')

      const formerCustomer = await subscriberWith({ stage: atRisk })
      await recorded(formerCustomer.id, 'stage_changed', { from: null, to: String(await stageId('customer')) }, 70)
      expect(await offered(formerCustomer)).not.toContain('Neukundenangebot')

      const buyer = await subscriberWith({ stage: atRisk })
      await recorded(buyer.id, 'purchase', { amount: 99, product: 'basis' }, 400)
      expect(await offered(buyer)).not.toContain('Neukundenangebot')
    } finally {
      await payload.delete({ id: offer.id, collection: 'content-blocks' })
    }
  })

  it('withholds the whitepaper block from who downloaded the whitepaper', async () => {
    const reader = await subscriberWith({
      interests: [{ interest: await interestId('cloud-umstieg'), source: 'explicit', weight: 1 }],
      persona: await personaId('it-administration'),
      stage: await stageId('lead'),
    })
    const titles = async () =>
      (await personalizedNewsletter(asAdmin, { newsletter: 'wochen-update', subscriber: reader.id })).slots.flatMap(
        (slot) => slot.blocks.map((block) => block.title),
      )
    expect(await titles()).toContain('Whitepaper: Buchhaltung in der Cloud')
    await recorded(reader.id, 'download', { asset: 'whitepaper-cloud' }, 1)
    expect(await titles()).not.toContain('Whitepaper: Buchhaltung in der Cloud')
  })

  it('matches regional blocks to the reader, for subscribers and anonymous visitors', async () => {
    const inVienna = await subscriberWith({
      interests: [{ interest: await interestId('e-rechnung'), source: 'explicit', weight: 1 }],
      region: 'AT-9',
      stage: await stageId('lead'),
    })
    const blocks = (result: Awaited<ReturnType<typeof personalizedBlocks>>) => result.map((block) => block.title)
    const filter = { channel: 'web', interests: ['e-rechnung'] }
    expect(blocks(await personalizedBlocks(asAdmin, { filter, limit: 5, subscriber: inVienna.id }))).toContain(
      'Praxisabend in Wien: E-Rechnung in Österreich',
    )
    const anonymous = (region?: string) =>
      personalizedBlocks(asPublic, { context: { interests: [{ interest: 'e-rechnung' }], region }, filter, limit: 5 })
    expect(blocks(await anonymous('AT-3'))).toContain('Praxisabend in Wien: E-Rechnung in Österreich')
    expect(blocks(await anonymous('DE-BY'))).not.toContain('Praxisabend in Wien: E-Rechnung in Österreich')
    expect(blocks(await anonymous())).not.toContain('Praxisabend in Wien: E-Rechnung in Österreich')
    expect(await codeOf(anonymous('FR'))).toBe('BAD_USER_INPUT')
    expect(await codeOf(anonymous('Wien'))).toBe('BAD_USER_INPUT')

    // Interests OR region: a Bavarian reader interested only in DSGVO gets the Bavarian block and DSGVO, nothing else.
    const either = await personalizedBlocks(asPublic, {
      context: { interests: [{ interest: 'dsgvo' }], region: 'DE-BY' },
      filter: { channel: 'web', match: 'interestsOrRegion' },
      limit: 5,
    })
    expect(blocks(either).sort()).toEqual(
      ['DSGVO in der Buchhaltung: die Checkliste', 'Lohn in Bayern: die regionalen Feiertage'].sort(),
    )
    expect(either.find((block) => block.title.startsWith('Lohn in Bayern'))!.reason.matchedRegion).toBe('DE-BY')
  })

  it('replaces a fallback the guards rule out with the next eligible fallback, for frontends too', async () => {
    // A landing page whose only offer is an acquisition fallback: a customer gets the next generic block instead.
    const trial = (
      await payload.find({ collection: 'content-blocks', where: { title: { equals: '30 Tage kostenlos testen' } } })
    ).docs[0]
    await payload.update({ id: trial.id, collection: 'content-blocks', data: { isFallback: true } })
    try {
      const slot = {
        channel: 'landing_page',
        count: 1,
        fallback: trial.id,
        key: 'angebot',
        label: 'Angebot',
        strategy: 'priority',
      }
      const page = await payload.create({
        collection: 'landing-pages',
        data: {
          hero: { headline: 'Testen' },
          slots: [{ ...slot, goals: ['winback'] }],
          slug: 'testen',
          title: 'Testen',
        } as never,
      })
      try {
        const forCustomer = await personalizedLandingPage(asPublic, { context: { stage: 'customer' }, slug: 'testen' })
        const [shown] = forCustomer.sections[0].blocks
        expect(shown.title).toBe('Buchhaltung, die mitdenkt')
        expect(shown.reason).toMatchObject({
          kind: 'fallback',
          replaced: {
            block: String(trial.id),
            rule: 'guard_acquisition_for_customer',
            title: '30 Tage kostenlos testen',
          },
        })
        const forLead = await personalizedLandingPage(asPublic, { context: { stage: 'lead' }, slug: 'testen' })
        expect(forLead.sections[0].blocks.map((block) => block.title)).toEqual(['30 Tage kostenlos testen'])
      } finally {
        await payload.delete({ id: page.id, collection: 'landing-pages' })
      }
    } finally {
      await payload.update({ id: trial.id, collection: 'content-blocks', data: { isFallback: false } })
    }
  })

  it('serves an anonymous visitor from context alone, with a neutral salutation', async () => {
    const result = await personalizedNewsletter(asPublic, {
      context: {
        interests: [{ interest: 'dsgvo', weight: 1 }],
        locale: 'de',
        persona: 'it-administration',
        stage: 'lead',
      },
      newsletter: 'wochen-update',
    })
    expect(result.html).toContain('Sehr geehrte Damen und Herren,')
    expect(result.subject).toBe('Ihr Kontorwerk-Update für Sie')
    const lead = result.slots[0].blocks[0]
    expect(lead.title).toBe('DSGVO in der Buchhaltung: die Checkliste')
    expect(lead.reason).toMatchObject({
      kind: 'ranked',
      matchedInterests: ['dsgvo'],
      matchedPersona: 'it-administration',
      matchedStage: 'lead',
    })
  })

  it('builds the landing page with sections as data and as HTML', async () => {
    const page = await personalizedLandingPage(asPublic, {
      context: { interests: [{ interest: 'e-rechnung' }], stage: 'lead' },
      slug: 'fuer-sie',
    })
    expect(page.sections.map((section) => section.key)).toEqual(['themen', 'angebot'])
    expect(page.sections[0].blocks[0].title).toBe('E-Rechnungen empfangen, ohne abzutippen')
    expect(page.html).toContain('<h1>Buchhaltung, die zu Ihnen passt</h1>')
    expect(page.html).toContain('data-block=')
    expect(page.seoTitle).toBe('Kontorwerk – für Sie ausgewählt')
  })

  it('ranks blocks for frontends that render themselves', async () => {
    const blocks = await personalizedBlocks(asPublic, {
      context: { interests: [{ interest: 'schnittstellen' }], locale: 'en' },
      filter: { channel: 'email' },
      limit: 2,
    })
    expect(blocks[0].title).toBe('Open APIs for your systems')
    expect(blocks).toHaveLength(2)
  })

  it("opens a subscriber's page with a signed token, and refuses forged or expired ones", async () => {
    const lena = await subscriberWith({ addressForm: 'informal', firstName: 'Lena', stage: await stageId('lead') })
    const page = await personalizedLandingPage(asPublic, {
      slug: 'fuer-sie',
      token: personalizationToken(payload, lena),
    })
    expect(page.html).toContain('lang="de"')
    expect(
      await codeOf(
        personalizedLandingPage(asPublic, { slug: 'fuer-sie', token: `${personalizationToken(payload, lena)}x` }),
      ),
    ).toBe('INVALID_TOKEN')
    expect(
      await codeOf(
        personalizedLandingPage(asPublic, { slug: 'fuer-sie', token: personalizationToken(payload, lena, -1) }),
      ),
    ).toBe('INVALID_TOKEN')
  })

  it('answers bad input with a coded error', async () => {
    expect(await codeOf(personalizedNewsletter(asAdmin, { newsletter: 'gibt-es-nicht' }))).toBe('NOT_FOUND')
    expect(await codeOf(personalizedNewsletter(asAdmin, { newsletter: 'wochen-update', subscriber: 'abc' }))).toBe(
      'BAD_USER_INPUT',
    )
    expect(await codeOf(personalizedNewsletter(asAdmin, { newsletter: 'wochen-update', subscriber: 999999 }))).toBe(
      'NOT_FOUND',
    )
    expect(await codeOf(personalizedNewsletter(asPublic, { newsletter: 'wochen-update', subscriber: 1 }))).toBe(
      'UNAUTHENTICATED',
    )
    expect(await codeOf(personalizedNewsletter(asEditor, { newsletter: 'wochen-update', subscriber: 1 }))).toBe(
      'FORBIDDEN',
    )
    expect(
      await codeOf(personalizedNewsletter(asPublic, { context: { locale: 'fr' }, newsletter: 'wochen-update' })),
    ).toBe('BAD_USER_INPUT')
    expect(
      await codeOf(
        personalizedNewsletter(asPublic, { context: { persona: 'astronaut' }, newsletter: 'wochen-update' }),
      ),
    ).toBe('BAD_USER_INPUT')
    expect(await codeOf(personalizedNewsletter(asPublic, { at: 'gestern', newsletter: 'wochen-update' }))).toBe(
      'BAD_USER_INPUT',
    )
  })

  it('shows an edited block in the next render (the render cache keys on content)', async () => {
    const before = await personalizedNewsletter(asPublic, { newsletter: 'wochen-update' })
    const first = before.slots[0].blocks[0]
    await payload.update({
      id: first.id,
      collection: 'content-blocks',
      data: { title: `${first.title} (aktualisiert)` },
    })
    const after = await personalizedNewsletter(asPublic, { newsletter: 'wochen-update' })
    expect(after.slots[0].blocks[0].title).toBe(`${first.title} (aktualisiert)`)
    expect(after.html).toContain(`${first.title.replace(/&/g, '&amp;')} (aktualisiert)`)
  })

  it('rejects broken Liquid and broken MJML when an editor saves', async () => {
    const newsletter = (await payload.find({ collection: 'newsletters' })).docs[0]
    expect(
      await fieldErrors(
        payload.update({ id: newsletter.id, collection: 'newsletters', data: { subject: 'Hallo {{ vorname }}' } }),
      ),
    ).toEqual([expect.stringMatching(/^subject: Unbekannte Variable „vorname“/)])
    const mjmlErrors = await fieldErrors(
      payload.update({
        id: newsletter.id,
        collection: 'newsletters',
        data: {
          customLayout:
            '<mjml><mj-body><mj-section><mj-text>kaputt</mj-text></mj-section>%%SECTIONS%%</mj-body></mjml>',
        },
      }),
    )
    expect(mjmlErrors[0]).toMatch(/^customLayout: MJML: .*mj-text/)
    const block = await fieldErrors(
      payload.create({
        collection: 'content-blocks',
        data: {
          body: {
            root: {
              children: [
                {
                  children: [{ text: 'Hallo {{ subscriber.vorname }}', type: 'text', version: 1 }],
                  type: 'paragraph',
                  version: 1,
                },
              ],
              type: 'root',
              version: 1,
            },
          },
          title: 'Token-Test',
        } as never,
      }),
    )
    expect(block).toEqual([expect.stringMatching(/^body: Unbekannte Variable „subscriber.vorname“/)])
  })
})
