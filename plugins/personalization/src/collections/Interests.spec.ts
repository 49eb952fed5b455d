import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { testedDatabases } from '../../../../tests/helpers/databases'
import { fieldErrors, missingId } from '../../../../tests/helpers/errors'
import { type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { specData } from '../../../../tests/helpers/specData'

describe.each(testedDatabases())('interest taxonomy on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload

  beforeAll(async () => {
    local = await startLocalPayload(kind)
    payload = local.payload
  })
  afterAll(() => local?.close())

  it('builds a two-level taxonomy with German and English labels', async () => {
    const running = await payload.create({
      collection: 'interests',
      data: specData('interests', { label: 'Laufen' }),
      locale: 'de',
    })
    await payload.update({ id: running.id, collection: 'interests', data: { label: 'Running' }, locale: 'en' })
    const trail = await payload.create({
      collection: 'interests',
      data: specData('interests', { label: 'Trailrunning', parent: running.id }),
    })

    expect(running.slug).toBe('laufen')
    expect(trail.slug).toBe('trailrunning')
    const english = await payload.findByID({ id: trail.id, collection: 'interests', depth: 1, locale: 'en' })
    expect(english.label).toBe('Trailrunning') // falls back to German
    expect(typeof english.parent === 'object' && english.parent?.label).toBe('Running')
  })

  it('rejects a parent that would make a cycle', async () => {
    const a = await payload.create({ collection: 'interests', data: { label: 'A', slug: 'cycle-a' } })
    const b = await payload.create({ collection: 'interests', data: { label: 'B', parent: a.id, slug: 'cycle-b' } })
    const c = await payload.create({ collection: 'interests', data: { label: 'C', parent: b.id, slug: 'cycle-c' } })

    expect(await fieldErrors(payload.update({ id: a.id, collection: 'interests', data: { parent: c.id } }))).toEqual([
      'parent: Ein Interesse kann nicht unter sich selbst hängen.',
    ])
    expect(
      await fieldErrors(payload.update({ id: a.id, collection: 'interests', data: { parent: a.id } })),
    ).toHaveLength(1)
    expect((await payload.findByID({ id: a.id, collection: 'interests', depth: 0 })).parent ?? null).toBeNull()
  })

  it('rejects an unknown parent and a malformed slug', async () => {
    expect(
      await fieldErrors(
        payload.create({
          collection: 'interests',
          data: specData('interests', { label: 'X', parent: missingId(kind) }),
        }),
      ),
    ).toHaveLength(1)
    expect(
      await fieldErrors(payload.create({ collection: 'interests', data: { label: 'Y', slug: 'Nicht OK!' } })),
    ).toEqual(['slug: Nur Kleinbuchstaben, Ziffern, - und _.'])
  })
})
