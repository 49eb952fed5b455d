import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { SLOW_BUT_FINITE } from '../helpers/costlyTemplates'
import { graphql, login, rest, type Session } from '../helpers/http'
import { query } from '../helpers/sql'

const servers = inject('servers')

/** Payload's REST validation error: 400 with the field errors under errors[0].data.errors. */
const fieldErrorsOf = (body: { errors: { data?: { errors?: { message: string; path: string }[] } }[] }) =>
  (body.errors[0].data?.errors ?? []).map(({ message, path }) => `${path}: ${message}`)

describe.each(servers)(
  'Liquid templates cannot hurt the server or the reader, over HTTP on $kind',
  ({ databaseUri, kind, url }) => {
    let admin: Session
    let editor: Session
    const created: string[] = []
    const blockCount = async () =>
      (await rest(url, admin, 'GET', '/content-blocks?draft=true&limit=1')).body.totalDocs as number
    const create = async (collection: string, data: Record<string, unknown>) => {
      const { body, status } = await rest(url, admin, 'POST', `/${collection}`, data)
      if (status !== 201) throw new Error(`creating ${collection}: ${status} ${JSON.stringify(body)}`)
      created.unshift(`/${collection}/${body.doc.id}`)
      return body.doc as { id: number; slug?: string }
    }

    beforeAll(async () => {
      admin = await login(url, 'admin@example.com', 'admin-demo-2026')
      editor = await login(url, 'editor@example.com', 'editor-demo-2026')
    })
    afterAll(async () => {
      for (const path of created) await rest(url, admin, 'DELETE', path)
    })

    it('refuses a costly template and the raw filter with a 400 field error at once, and stores nothing', async () => {
      const before = await blockCount()
      const started = performance.now()
      const costly = await rest(url, editor, 'POST', '/content-blocks', { title: SLOW_BUT_FINITE })
      expect(performance.now() - started).toBeLessThan(1000)
      expect(costly.status).toBe(400)
      expect(fieldErrorsOf(costly.body)).toEqual([
        expect.stringMatching(/^title: Die Vorlage ist zu aufwendig: Schleifen, große Bereiche oder wachsender Text/),
      ])
      const raw = await rest(url, editor, 'POST', '/content-blocks', {
        title: '{{ "<script>alert(1)</script>" | raw }}',
      })
      expect(raw.status).toBe(400)
      expect(fieldErrorsOf(raw.body)).toEqual([
        'title: Der Filter „raw“ ist nicht erlaubt: Er schaltet das HTML-Escaping ab.',
      ])
      expect(await blockCount()).toBe(before)
    })

    it('answers a template written to the database past validation with FAILED_PRECONDITION, while the server keeps answering', async () => {
      const name = `probe-${kind}-${Date.now()}`
      const interest = await create('interests', { label: name, slug: name })
      const block = await create('content-blocks', {
        _status: 'published',
        channels: ['sms'],
        isFallback: true,
        title: 'Platzhalter',
      })
      const slot = {
        channel: 'landing_page',
        count: 1,
        fallback: block.id,
        interests: [interest.id],
        key: 'probe',
        label: 'Probe',
        strategy: 'relevance',
      }
      const page = await create('landing-pages', {
        hero: { headline: 'Probe' },
        slots: [slot],
        slug: name,
        title: name,
      })
      await query(databaseUri, 'UPDATE content_blocks SET title = ? WHERE id = ?', [SLOW_BUT_FINITE, block.id])
      // An edit through the API makes the server reload its block library; other writers' edits show after 10 s at the latest.
      await rest(url, admin, 'PATCH', `/interests/${interest.id}`, { label: `${name}!` })

      const waits: number[] = []
      let rendering = true
      const probe = (async () => {
        while (rendering) {
          const started = performance.now()
          await fetch(`${url}/healthz`)
          waits.push(performance.now() - started)
          await new Promise((resolve) => setTimeout(resolve, 20))
        }
      })()
      // The page as the editor's preview asks for it; should a reload of the library race with the
      // edits above, the server serves its older copy until the next one (at most 10 s later).
      // (The cache serves a stale copy while it reloads in the background, so poll for up to 30 s.)
      let result = await graphql(url, editor, `{ personalizedLandingPage(slug: "${page.slug}") { html } }`)
      for (
        const deadline = Date.now() + 30_000;
        Date.now() < deadline && !result.errors?.[0]?.message.includes('Liquid');
      ) {
        await new Promise((resolve) => setTimeout(resolve, 2_000))
        result = await graphql(url, editor, `{ personalizedLandingPage(slug: "${page.slug}") { html } }`)
      }
      rendering = false
      await probe

      expect(result.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
        ['FAILED_PRECONDITION', expect.stringMatching(/^A Liquid template exceeds the limits for templates: /)],
      ])
      // Without limits the page took minutes and the health check waited as long.
      expect(Math.max(...waits)).toBeLessThan(1000)
    })
  },
)
