import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { consentOptions, recordConsent } from '@kontorwerk/consent'
import { recordEvents } from '@kontorwerk/personalization'

import { testedDatabases } from '../../../tests/helpers/databases'
import { createStaff, type LocalPayload, startLocalPayload } from '../../../tests/helpers/localPayload'
import { evaluateStages, leadScore } from './index'

type Id = number | string
type Listed = { email: string; primaryPersona?: null | string; score?: Record<string, number>; stageLabel?: string }

/**
 * Issue 17's subscriber list: fit, engagement and total are stored on the subscriber (so the list can show and
 * sort them), the same numbers the score explanation computes; persona and stage sort by their names.
 */
describe.each(testedDatabases())('the subscriber list’s score columns on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  const people: Record<'cold' | 'hot' | 'warm', Id> = { cold: 0, hot: 0, warm: 0 }
  const now = new Date()

  beforeAll(async () => {
    local = await startLocalPayload(kind)
    payload = local.payload
    const stage = await payload.create({
      collection: 'lifecycle-stages',
      data: { key: 'mql', label: 'Marketing-Lead', order: 30 },
    })
    await payload.create({
      collection: 'scoring-rules',
      data: { axis: 'engagement', eventType: 'page_viewed', kind: 'event', name: 'Seitenaufruf', points: 10 } as never,
    })
    await payload.create({
      collection: 'scoring-rules',
      data: {
        condition: { attribute: 'attributes.role', operator: 'in', values: ['Geschäftsführung'] },
        kind: 'attribute',
        name: 'Geschäftsführung',
        points: 30,
      } as never,
    })
    // Created in reverse alphabetical order: a sort by id would put "Zentrale IT" first.
    for (const [name, role] of [
      ['Zentrale IT', 'IT'],
      ['Agentur', 'Agentur'],
    ])
      await payload.create({
        collection: 'personas',
        data: {
          name,
          profile: [{ attribute: 'attributes.role', operator: 'in', values: [role], weight: 1 }],
          slug: name.toLowerCase().replace(/\W+/g, '-'),
        } as never,
      })
    const subscriber = async (email: string, role: string) => {
      const doc = await payload.create({
        collection: 'subscribers',
        data: { attributes: { role }, email, stage: stage.id } as never,
      })
      await recordConsent(
        payload,
        {
          action: 'confirmed',
          channel: 'email',
          occurredAt: now,
          purpose: 'tracking',
          source: 'form',
          subscriber: doc.id,
        },
        consentOptions(payload),
      )
      return doc.id
    }
    people.hot = await subscriber(`hot-${kind}@list.example`, 'IT')
    people.warm = await subscriber(`warm-${kind}@list.example`, 'Geschäftsführung')
    people.cold = await subscriber(`cold-${kind}@list.example`, 'Agentur')
    const views = (who: Id, count: number) =>
      Array.from({ length: count }, (_, index) => ({
        id: `list-${kind}-${String(who)}-${index}`,
        occurredAt: new Date(now.getTime() - 60_000).toISOString(),
        properties: { url: `https://kontorwerk.example/${index}` },
        subscriber: who,
        type: 'page_viewed',
      }))
    // hot: 6 views (60, no fit); warm: 1 view (10) + fit 30; cold: nothing.
    await recordEvents(payload, [...views(people.hot, 6), ...views(people.warm, 1)], { now })
  }, 120_000)
  afterAll(() => local?.close())

  const list = async (sort: string) =>
    (
      await payload.find({
        collection: 'subscribers',
        depth: 0,
        limit: 10,
        sort,
        where: { email: { like: `-${kind}@list.example` } },
      })
    ).docs as unknown as Listed[]
  const names = (docs: Listed[]) => docs.map((doc) => doc.email.split('-')[0])

  it('stores the numbers the score explanation shows', async () => {
    for (const id of Object.values(people)) {
      const explained = await leadScore(payload, id)
      const stored = (await payload.findByID({ collection: 'subscribers', depth: 0, id })) as unknown as Listed
      expect(stored.score).toMatchObject({
        engagement: explained!.engagement,
        fit: explained!.fit,
        total: explained!.total,
      })
    }
    const [hot] = await list('-score.total')
    expect(hot.score?.total).toBeCloseTo(60, 0)
  })

  it('sorts by total score (hot leads first), by fit and by engagement', async () => {
    expect(names(await list('-score.total'))).toEqual(['hot', 'warm', 'cold'])
    expect(names(await list('score.total'))).toEqual(['cold', 'warm', 'hot'])
    expect(names(await list('-score.fit'))[0]).toBe('warm')
    expect(names(await list('-score.engagement'))).toEqual(['hot', 'warm', 'cold'])
  })

  it('shows and sorts the primary persona and the stage by name', async () => {
    // Warm (Geschäftsführung) fits no persona; where nobody comes is the dialect's choice (SQLite first, PostgreSQL last).
    const docs = (await list('primaryPersona')).filter((doc) => doc.primaryPersona)
    expect(docs.map((doc) => doc.primaryPersona)).toEqual(['Agentur', 'Zentrale IT'])
    expect(names(docs)).toEqual(['cold', 'hot'])
    expect((await list('stageLabel')).map((doc) => doc.stageLabel)).toEqual(Array(3).fill('Marketing-Lead'))
    const descending = (await list('-primaryPersona')).filter((doc) => doc.primaryPersona)
    expect(names(descending)).toEqual(['hot', 'cold'])
  })

  it('filters by the persona and the stage name as the admin list sends it, also a hand-typed URL', async () => {
    const ours = { email: { like: `-${kind}@list.example` } }
    const filtered = async (where: Record<string, unknown>) =>
      names(
        (
          await payload.find({
            collection: 'subscribers',
            depth: 0,
            sort: 'email',
            where: { and: [ours, where] } as never,
          })
        ).docs as unknown as Listed[],
      )
    expect(await filtered({ primaryPersona: { exists: true } })).toEqual(['cold', 'hot'])
    // As a URL brings it (`?where[primaryPersona][exists]=true`): a string.
    expect(await filtered({ primaryPersona: { exists: 'true' } })).toEqual(['cold', 'hot'])
    expect(await filtered({ primaryPersona: { exists: false } })).toEqual(['warm'])
    expect(await filtered({ primaryPersona: { equals: 'Agentur' } })).toEqual(['cold'])
    expect(await filtered({ primaryPersona: { like: 'zentrale' } })).toEqual(['hot'])
    expect(await filtered({ stageLabel: { equals: 'Marketing-Lead' } })).toEqual(['cold', 'hot', 'warm'])
    expect(
      await filtered({ or: [{ primaryPersona: { equals: 'Agentur' } }, { stageLabel: { exists: false } }] }),
    ).toEqual(['cold'])
  })

  it('keeps the stored readings from editors: no column, no sort, no filter (they are computed from personal data)', async () => {
    // The first account of a fresh database becomes admin whatever it asks for: an admin first, then the editor.
    await createStaff(payload, 'admin')
    const editor = await createStaff(payload, 'editor')
    expect(editor.role).toBe('editor')
    const asEditor = { overrideAccess: false, user: editor } as const
    const seen = await payload.findByID({ collection: 'subscribers', depth: 0, id: people.hot, ...asEditor })
    expect((seen as unknown as Listed).score?.total).toBeUndefined()
    await expect(payload.find({ collection: 'subscribers', sort: '-score.total', ...asEditor })).rejects.toThrow(
      /cannot be queried/,
    )
    await expect(
      payload.find({ collection: 'subscribers', where: { 'score.total': { greater_than: 0 } }, ...asEditor }),
    ).rejects.toThrow(/cannot be queried/)
    // The names are no personal data: editors sort by persona like admins.
    const byPersona = await payload.find({
      collection: 'subscribers',
      sort: 'primaryPersona',
      where: { id: { in: Object.values(people) } },
      ...asEditor,
    })
    expect(byPersona.docs.map((doc) => (doc as unknown as Listed).primaryPersona).filter(Boolean)).toEqual([
      'Agentur',
      'Zentrale IT',
    ])
  })

  it('keeps the stored score through a save, and lets it decay with the hourly sweep', async () => {
    await payload.update({ collection: 'subscribers', data: { firstName: 'Hanna' } as never, id: people.hot })
    const [saved] = await list('-score.total')
    expect(saved.score?.total).toBeCloseTo(60, 0)
    // A month later (one half-life by default) without events the sweep halves the stored engagement:
    // hot 60 → 30, warm 30 fit + 10 → 5 = 35, so the list's order changes with it.
    await evaluateStages(payload, { now: new Date(now.getTime() + 30 * 24 * 60 * 60 * 1000) })
    const later = await list('-score.total')
    expect(names(later)).toEqual(['warm', 'hot', 'cold'])
    expect(later[1].score?.engagement).toBeCloseTo(30, 0)
  })
})
