import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { preferencesToken, subscriberFromToken, unsubscribeToken } from '@kontorwerk/consent'
import {
  CodedError,
  LEGACY_LINK_KEY_PREFIX,
  personalizationToken,
  personalizedLandingPage,
  runSql,
  signClaims,
  signSubscriberToken,
  sql,
} from '@kontorwerk/personalization'

import type { Subscriber } from '../payload-types'

import { testedDatabases } from '../../tests/helpers/databases'
import { type LocalPayload, startLocalPayload } from '../../tests/helpers/localPayload'
import { seedDemoData } from '../seed'

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: unknown) => (error instanceof CodedError ? error.code : String(error)),
  )

describe.each(testedDatabases().filter((kind) => kind !== 'mongodb'))(
  'links that can only ever reach the person they were made for (Local API, %s)',
  (kind) => {
    let local: LocalPayload
    let payload: Payload
    const newSubscriber = async (email: string) =>
      (await payload.create({
        collection: 'subscribers',
        data: { email, firstName: email.split('@')[0] } as never,
        showHiddenFields: true,
      })) as Subscriber
    const asPublic = () => ({ payload, user: null }) as never

    beforeAll(async () => {
      local = await startLocalPayload(kind)
      payload = local.payload
      await seedDemoData(payload)
    })
    afterAll(() => local?.close())

    it("never hands an erased subscriber's id to the next one, even when it was the highest", async () => {
      const anna = await newSubscriber(`anna-${kind}@example.com`)
      await payload.delete({ id: anna.id, collection: 'subscribers' })
      const bernd = await newSubscriber(`bernd-${kind}@example.com`)
      expect(Number(bernd.id)).toBeGreaterThan(Number(anna.id))
    })

    it('gives every subscriber a random link key that no API shows, sets or changes', async () => {
      const created = await payload.create({
        collection: 'subscribers',
        data: { email: `keyed-${kind}@example.com`, linkKey: 'chosen-by-caller' } as never,
      })
      expect(created).not.toHaveProperty('linkKey')
      const stored = (await payload.findByID({
        id: created.id,
        collection: 'subscribers',
        showHiddenFields: true,
      })) as Subscriber
      expect(stored.linkKey).toMatch(/^[\w-]{24}$/)
      expect(stored.linkKey).not.toBe('chosen-by-caller')
      await payload.update({
        id: created.id,
        collection: 'subscribers',
        data: { firstName: 'Neu', linkKey: 'overwritten' } as never,
      })
      expect(
        ((await payload.findByID({ id: created.id, collection: 'subscribers', showHiddenFields: true })) as Subscriber)
          .linkKey,
      ).toBe(stored.linkKey)
      const other = await newSubscriber(`other-${kind}@example.com`)
      expect(other.linkKey).not.toBe(stored.linkKey)
    })

    it("refuses an erased person's old links when their id comes back for someone else", async () => {
      const anna = await newSubscriber(`anna-reused-${kind}@example.com`)
      const links = {
        personalize: personalizationToken(payload, anna),
        preferences: preferencesToken(payload, anna),
        unsubscribe: unsubscribeToken(payload, anna),
      }
      expect((await subscriberFromToken(payload, links.preferences, 'preferences'))?.email).toBe(anna.email)
      await payload.delete({ id: anna.id, collection: 'subscribers' })

      // A database that reuses ids (SQLite before this version did): a new person under Anna's id.
      const bernd = await newSubscriber(`bernd-reused-${kind}@example.com`)
      await runSql(payload, sql`update subscribers set id = ${Number(anna.id)} where id = ${Number(bernd.id)}`)
      expect((await payload.findByID({ id: anna.id, collection: 'subscribers' })).email).toBe(bernd.email)

      expect(await subscriberFromToken(payload, links.preferences, 'preferences')).toBeNull()
      expect(await subscriberFromToken(payload, links.unsubscribe, 'unsubscribe')).toBeNull()
      expect(await codeOf(personalizedLandingPage(asPublic(), { slug: 'fuer-sie', token: links.personalize }))).toBe(
        'INVALID_TOKEN',
      )
      // Bernd's own links work.
      const berndNow = (await payload.findByID({
        id: anna.id,
        collection: 'subscribers',
        showHiddenFields: true,
      })) as Subscriber
      expect((await subscriberFromToken(payload, preferencesToken(payload, berndNow), 'preferences'))?.email).toBe(
        bernd.email,
      )
    })

    it('keeps links signed before link keys working for subscribers from before, and only for them', async () => {
      const old = await newSubscriber(`old-${kind}@example.com`)
      await runSql(
        payload,
        sql`update subscribers set link_key = ${`${LEGACY_LINK_KEY_PREFIX}abc`} where id = ${Number(old.id)}`,
      )
      const withoutKey = (id: number | string) =>
        signClaims(
          payload,
          { e: Math.floor(Date.now() / 1000) + 3600, p: 'unsubscribe', s: String(id) },
          'subscriber-token',
        )
      expect((await subscriberFromToken(payload, withoutKey(old.id), 'unsubscribe'))?.email).toBe(old.email)
      const recent = await newSubscriber(`recent-${kind}@example.com`)
      expect(await subscriberFromToken(payload, withoutKey(recent.id), 'unsubscribe')).toBeNull()
      // A key claim of the wrong person never matches either.
      expect(
        await subscriberFromToken(
          payload,
          signSubscriberToken(payload, { id: recent.id, linkKey: 'someone-else' }, 'unsubscribe', 3600),
          'unsubscribe',
        ),
      ).toBeNull()
    })
  },
)
