import type { Payload, PayloadRequest } from 'payload'

import { createLocalReq, getLocalI18n } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { COSTLY_TEMPLATES, SLOW_BUT_FINITE, storeTemplatePastChecks } from '../../../../tests/helpers/costlyTemplates'
import { fieldErrors } from '../../../../tests/helpers/errors'
import { type LocalPayload } from '../../../../tests/helpers/localPayload'
import { startDemoPayload } from '../../../../tests/helpers/referenceApp'
import { CodedError } from '../errors'
import { personalizedBlocks, personalizedLandingPage, personalizedNewsletter } from './service'

const paragraph = (text: string) => ({
  root: {
    children: [{ children: [{ text, type: 'text', version: 1 }], type: 'paragraph', version: 1 }],
    type: 'root',
    version: 1,
  },
})
const linkTo = (url: string) => ({
  root: {
    children: [
      {
        children: [
          {
            children: [{ text: 'hier', type: 'text', version: 1 }],
            fields: { linkType: 'custom', newTab: false, url },
            type: 'link',
            version: 3,
          },
        ],
        type: 'paragraph',
        version: 1,
      },
    ],
    type: 'root',
    version: 1,
  },
})

/** The longest stretch the event loop went without running a 5 ms timer while `work` ran. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now()
  let longest = 0
  const timer = setInterval(() => {
    const now = performance.now()
    longest = Math.max(longest, now - last)
    last = now
  }, 5)
  try {
    await work()
  } finally {
    clearInterval(timer)
  }
  return Math.max(longest, performance.now() - last)
}

describe('templates cannot hurt the server or the reader (Local API, SQLite)', () => {
  let local: LocalPayload
  let payload: Payload
  let asEditor: { overrideAccess: false; req: PayloadRequest }
  let asPublic: PayloadRequest

  beforeAll(async () => {
    local = await startDemoPayload('sqlite')
    payload = local.payload
    const editor = (await payload.find({ collection: 'users', where: { role: { equals: 'editor' } } })).docs[0]
    asEditor = {
      overrideAccess: false,
      req: await createLocalReq({ user: { ...editor, collection: 'users' } }, payload),
    }
    asPublic = await createLocalReq({}, payload)
  })
  afterAll(() => local?.close())

  it('refuses a costly template in every Liquid field an editor saves, within 100 ms, and changes nothing', async () => {
    const [block] = (
      await payload.find({ collection: 'content-blocks', limit: 1, where: { _status: { equals: 'published' } } })
    ).docs
    const [newsletter] = (await payload.find({ collection: 'newsletters', limit: 1 })).docs
    const [page] = (await payload.find({ collection: 'landing-pages', limit: 1 })).docs
    const layout = `<mjml><mj-body><mj-section><mj-column><mj-text>${SLOW_BUT_FINITE}</mj-text></mj-column></mj-section>%%SECTIONS%%</mj-body></mjml>`
    const saves: [string, () => Promise<unknown>][] = [
      [
        'title',
        () =>
          payload.update({ ...asEditor, collection: 'content-blocks', data: { title: SLOW_BUT_FINITE }, id: block.id }),
      ],
      [
        'body',
        () =>
          payload.update({
            ...asEditor,
            collection: 'content-blocks',
            data: { body: paragraph(`Hallo ${COSTLY_TEMPLATES[2]} ${COSTLY_TEMPLATES[7]}`) as never },
            id: block.id,
          }),
      ],
      // A link's URL is only in the HTML form of the body, not in its plain text.
      [
        'body',
        () =>
          payload.update({
            ...asEditor,
            collection: 'content-blocks',
            data: { body: linkTo(`https://example.com/${COSTLY_TEMPLATES[4]}`) as never },
            id: block.id,
          }),
      ],
      [
        'cta.label',
        () =>
          payload.update({
            ...asEditor,
            collection: 'content-blocks',
            data: { cta: { label: COSTLY_TEMPLATES[1], url: '/x' } },
            id: block.id,
          }),
      ],
      [
        'cta.url',
        () =>
          payload.update({
            ...asEditor,
            collection: 'content-blocks',
            data: { cta: { label: 'Los', url: `/x/${COSTLY_TEMPLATES[6]}` } },
            id: block.id,
          }),
      ],
      [
        'subject',
        () =>
          payload.update({
            ...asEditor,
            collection: 'newsletters',
            data: { subject: COSTLY_TEMPLATES[5] },
            id: newsletter.id,
          }),
      ],
      [
        'preheader',
        () =>
          payload.update({
            ...asEditor,
            collection: 'newsletters',
            data: { preheader: COSTLY_TEMPLATES[9] },
            id: newsletter.id,
          }),
      ],
      [
        'customLayout',
        () =>
          payload.update({ ...asEditor, collection: 'newsletters', data: { customLayout: layout }, id: newsletter.id }),
      ],
      [
        'hero.headline',
        () =>
          payload.update({
            ...asEditor,
            collection: 'landing-pages',
            data: { hero: { ...page.hero, headline: COSTLY_TEMPLATES[8] } },
            id: page.id,
          }),
      ],
      [
        'hero.subline',
        () =>
          payload.update({
            ...asEditor,
            collection: 'landing-pages',
            data: { hero: { ...page.hero, subline: COSTLY_TEMPLATES[10] } },
            id: page.id,
          }),
      ],
      // An A/B test's subject replaces the newsletter's: the same rules apply.
      [
        'abTest.variants.0.subject',
        () =>
          payload.create({
            ...asEditor,
            collection: 'campaigns',
            data: {
              abTest: { variants: [{ key: 'A', share: 50, subject: COSTLY_TEMPLATES[3] }] },
              channel: 'email',
              name: 'A/B',
              newsletter: newsletter.id,
            } as never,
          }),
      ],
    ]
    // The first save of a kind loads code; what is measured is the check, not the warm-up.
    await payload.update({ ...asEditor, collection: 'content-blocks', data: { title: block.title }, id: block.id })
    for (const [path, save] of saves) {
      // Each save twice, the cheaper one counts: process CPU also holds a garbage collection that
      // happens to fall into a save, which cost 106 ms once on a loaded CI machine.
      const cpu: number[] = []
      for (const _attempt of [1, 2]) {
        const started = process.cpuUsage()
        const errors = await fieldErrors(save())
        const { system, user } = process.cpuUsage(started)
        cpu.push((user + system) / 1000)
        expect(errors, path).toEqual([
          expect.stringMatching(
            new RegExp(
              `^${path.replaceAll('.', '\\.')}: Die Vorlage ist zu aufwendig: Schleifen, große Bereiche oder wachsender Text`,
            ),
          ),
        ])
      }
      expect(Math.min(...cpu), path).toBeLessThan(100)
    }
    expect(await payload.findByID({ collection: 'content-blocks', id: block.id })).toMatchObject({
      body: block.body,
      cta: block.cta,
      title: block.title,
    })
    expect(await payload.findByID({ collection: 'newsletters', id: newsletter.id })).toMatchObject({
      customLayout: newsletter.customLayout ?? null,
      preheader: newsletter.preheader,
      subject: newsletter.subject,
    })
    expect((await payload.findByID({ collection: 'landing-pages', id: page.id })).hero).toMatchObject({
      headline: page.hero.headline,
      subline: page.hero.subline,
    })
    expect(await payload.count({ collection: 'campaigns', where: { name: { equals: 'A/B' } } })).toMatchObject({
      totalDocs: 0,
    })
  })

  it('refuses the raw filter and tags that print unescaped or read files, also hidden in a link', async () => {
    const [block] = (
      await payload.find({ collection: 'content-blocks', limit: 1, where: { _status: { equals: 'published' } } })
    ).docs
    const update = (data: Record<string, unknown>) =>
      fieldErrors(payload.update({ ...asEditor, collection: 'content-blocks', data, id: block.id }))
    expect(await update({ title: '{{ salutation | raw }}' })).toEqual([
      'title: Der Filter „raw“ ist nicht erlaubt: Er schaltet das HTML-Escaping ab.',
    ])
    expect(await update({ body: linkTo(`https://example.com/{{ '"><script>alert(1)</script>' | raw }}`) })).toEqual([
      'body: Der Filter „raw“ ist nicht erlaubt: Er schaltet das HTML-Escaping ab.',
    ])
    expect(await update({ body: paragraph('{% raw %}{{ "<script>alert(1)</script>" }}{% endraw %}') })).toEqual([
      'body: Das Tag „raw“ ist nicht erlaubt: Es gibt seinen Inhalt ungeprüft als HTML aus.',
    ])
    expect(await update({ body: paragraph('{% include ".env" %}') })).toEqual([
      'body: Das Tag „include“ ist nicht erlaubt: Vorlagen können keine Dateien einbinden.',
    ])
    expect((await payload.findByID({ collection: 'content-blocks', id: block.id })).title).toBe(block.title)
  })

  it('answers an editor who works in English in English', async () => {
    const [newsletter] = (await payload.find({ collection: 'newsletters', limit: 1 })).docs
    const i18n = await getLocalI18n({ config: payload.config, language: 'en' })
    const inEnglish = { ...asEditor, req: await createLocalReq({ req: { i18n }, user: asEditor.req.user! }, payload) }
    expect(
      await fieldErrors(
        payload.update({
          ...inEnglish,
          collection: 'newsletters',
          data: { subject: SLOW_BUT_FINITE },
          id: newsletter.id,
        }),
      ),
    ).toEqual([
      'subject: The template is too costly: loops, large ranges or growing text (e.g. append, capture or split in loops) exceed the limits for computing time and memory.',
    ])
    expect(
      await fieldErrors(
        payload.update({
          ...inEnglish,
          collection: 'newsletters',
          data: { subject: 'Hi {{ vorname }}' },
          id: newsletter.id,
        }),
      ),
    ).toEqual([
      expect.stringMatching(/^subject: Unknown variable "vorname"\. Allowed: salutation, subscriber\.academic_title/),
    ])
  })

  it('answers a costly template stored before the limits with FAILED_PRECONDITION, without stalling the event loop', async () => {
    const { newsletter, landingPage } = await storeTemplatePastChecks(payload, SLOW_BUT_FINITE)
    const outcomes: string[] = []
    const codeOf = (promise: Promise<unknown>) =>
      promise.then(
        () => outcomes.push('rendered'),
        (error: unknown) =>
          outcomes.push(error instanceof CodedError ? `${error.code}: ${error.message}` : `uncoded: ${String(error)}`),
      )
    // The same measurement around two ordinary renders in the same run: on a busy machine every stall grows.
    const ordinary = await longestStall(async () => {
      await personalizedNewsletter(asPublic, { newsletter: 'wochen-update' })
      await personalizedBlocks(asPublic, { filter: { channel: 'email' }, limit: 2 })
    })
    const stall = await longestStall(async () => {
      await codeOf(personalizedNewsletter(asPublic, { newsletter: newsletter.slug }))
      await codeOf(personalizedLandingPage(asPublic, { slug: landingPage.slug }))
    })
    expect(outcomes).toEqual([
      expect.stringMatching(
        /^FAILED_PRECONDITION: A Liquid template exceeds the limits for templates: (render steps|template render|memory alloc) limit exceeded/,
      ),
      expect.stringMatching(
        /^FAILED_PRECONDITION: A Liquid template exceeds the limits for templates: (render steps|template render|memory alloc) limit exceeded/,
      ),
    ])
    // Each render stops within its budget (twice 50 ms at most), plus MJML compiling the section once; never the minutes the loops take.
    expect(stall).toBeLessThan(750 + 3 * ordinary)
    // Other documents still render.
    expect((await personalizedNewsletter(asPublic, { newsletter: 'wochen-update' })).html).toMatch(/^<!doctype html>/i)
    expect(await personalizedBlocks(asPublic, { filter: { channel: 'email' }, limit: 2 })).toHaveLength(2)
  })
})
