import type { Payload, PayloadRequest } from 'payload'

import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Subscriber } from '../documents'

import { fieldErrors } from '../../../../tests/helpers/errors'
import { type LocalPayload } from '../../../../tests/helpers/localPayload'
import { startDemoPayload } from '../../../../tests/helpers/referenceApp'
import { CodedError } from '../errors'
import { recordEvents } from '../events/intake'
import { personalizationToken, personalizedBlocks, personalizedLandingPage, personalizedNewsletter } from './service'

describe('personalized documents from the demo data (Local API, SQLite)', () => {
  let local: LocalPayload
  let payload: Payload
  let asAdmin: PayloadRequest
  let asEditor: PayloadRequest
  let asPublic: PayloadRequest

  const stageId = async (key: string) =>
    (await payload.find({ collection: 'lifecycle-stages', where: { key: { equals: key } } })).docs[0].id
  const subscriberWith = async (data: Partial<Subscriber>) =>
    payload.create({
      collection: 'subscribers',
      data: { email: `reader-${Math.random().toString(36).slice(2)}@example.com`, ...data } as never,
      showHiddenFields: true,
    })
  /** A purchase as the shop posts it: an event, the one source of purchases. */
  const purchased = (subscriber: number | string, product: string, daysAgo: number) =>
    recordEvents(payload, [
      {
        id: `purchase-${subscriber}-${product}`,
        occurredAt: new Date(Date.now() - daysAgo * 86_400_000).toISOString(),
        properties: { product },
        subscriber,
        type: 'purchase',
      },
    ])
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
    local = await startDemoPayload('sqlite')
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

    expect(result.subject).toBe('Ihr Kontorwerk-Update für Anna')
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

  it('never offers a customer an acquisition offer, and withholds a discount after a recent purchase', async () => {
    const customer = await subscriberWith({ locale: 'de', stage: await stageId('customer') })
    await purchased(customer.id, 'lohn-modul', 3)
    const result = await personalizedNewsletter(asAdmin, { newsletter: 'wochen-update', subscriber: customer.id })
    const offered = result.slots.find((slot) => slot.key === 'angebot')!.blocks.map((block) => block.title)
    expect(offered).not.toContain('30 Tage kostenlos testen')
    expect(offered).not.toContain('20 % auf das Lohnmodul')

    const longAgo = await subscriberWith({ stage: await stageId('customer') })
    await purchased(longAgo.id, 'lohn-modul', 90)
    const later = await personalizedNewsletter(asAdmin, { newsletter: 'wochen-update', subscriber: longAgo.id })
    expect(later.slots.find((slot) => slot.key === 'angebot')!.blocks.map((block) => block.title)).toEqual([
      '20 % auf das Lohnmodul',
    ])
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
    expect(result.subject).toBe('Ihr Kontorwerk-Update')
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
