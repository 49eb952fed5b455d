import type { Payload } from 'payload'

import { randomUUID } from 'node:crypto'
import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  mergeVisitor,
  personalization,
  personalizedBlocks,
  signSubscriberToken,
  VISITOR_EVENTS,
  VISITOR_MERGES,
} from '@kontorwerk/personalization'

import { beaconInit, BROWSER_EVENTS_PATH, pageView } from '../../../../tests/helpers/browserBeacon'
import { type SmtpSink, startSmtpSink } from '../../../../tests/helpers/smtp'
import { startStockPayload, STOCK_HOST_URL, type StockPayload } from '../../../../tests/helpers/stockPayload'
import { consent } from '../index'
import { subscribe } from './flows'

/**
 * Issue 22: an anonymous visitor's reading personalizes at once, and becomes the subscriber's when
 * they sign up with tracking consent and confirm — once, however often a tab asks again. A mail
 * link never merges (a forwarded link would hand a stranger's reading to the link holder).
 * A stock host with the core and consent, real SMTP for the double-opt-in mail.
 */
describe('anonymous visitors: context from their reading, merged into the subscriber on confirmation (stock host, SQLite, real SMTP)', () => {
  let host: StockPayload
  let payload: Payload
  let smtp: SmtpSink
  const origin = new URL(STOCK_HOST_URL).origin

  beforeAll(async () => {
    smtp = await startSmtpSink()
    host = await startStockPayload((slugs) => [personalization({ ...slugs, publicUrl: STOCK_HOST_URL }), consent()], {
      smtpPort: smtp.port,
    })
    payload = host.payload
    await payload.create({ collection: 'topics', data: { name: 'Update', slug: 'wochen-update' } as never })
    for (const [slug, label, pageUrls] of [
      ['betrug', 'Betrugsschutz', ['/ratgeber/betrug']],
      ['reisen', 'Reisen', ['/reisen']],
    ] as const) {
      const interest = await payload.create({ collection: 'interests', data: { label, pageUrls, slug } as never })
      await payload.create({
        collection: 'content-blocks',
        data: { _status: 'published', channels: ['web'], interests: [interest.id], title: label } as never,
      })
    }
  }, 120_000)
  afterAll(async () => {
    await host?.close()
    await smtp?.close()
  })

  const send = async (body: unknown) => (await host.call(BROWSER_EVENTS_PATH, beaconInit(origin, body))).json()
  const read = (visitor: string) => [
    pageView(`${visitor}-1`, 'https://shop.example/ratgeber/betrug/phishing'),
    pageView(`${visitor}-2`, 'https://shop.example/ratgeber/betrug/kartenbetrug'),
    pageView(`${visitor}-3`, 'https://shop.example/Ratgeber/Betrug/'),
    pageView(`${visitor}-4`, 'https://shop.example/reisen/new-york'),
  ]
  const rankedFor = async (visitor: string) =>
    (
      await personalizedBlocks(await createLocalReq({}, payload), { filter: { channel: 'web' }, limit: 2, visitor })
    ).map((block) => block.title)
  const signUpAndConfirm = async (email: string, input: { tracking?: boolean; visitor?: string }) => {
    await subscribe(payload, { email, topics: ['wochen-update'], ...input }, { ip: '198.51.100.1', source: 'api' })
    const mail = await smtp.waitFor((message) => JSON.stringify(message.to).includes(email))
    expect(mail.text?.includes('Persönliche Auswahl der Inhalte nach der Lektüre auf der Website')).toBe(
      input.tracking === true,
    )
    const token = new URL(/https?:\/\/\S+\/subscribe\/confirm\?token=\S+/.exec(mail.text ?? '')![0]).searchParams.get(
      'token',
    )!
    const confirmed = await host.call('/api/subscribe/confirm', {
      body: new URLSearchParams({ token }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      method: 'POST',
    })
    expect(confirmed.status).toBe(200)
    return (
      await payload.find({ collection: 'subscribers', showHiddenFields: true, where: { email: { equals: email } } })
    ).docs[0]
  }
  const anonymousEvents = async (visitor: string) =>
    (await payload.count({ collection: VISITOR_EVENTS as 'events', where: { visitor: { equals: visitor } } as never }))
      .totalDocs
  const eventIdsOf = async (subscriber: number | string) =>
    (await payload.find({ collection: 'events', limit: 0, where: { subscriber: { equals: subscriber } } })).docs
      .map((event) => event.eventId)
      .sort()

  it('ranks the topic a visitor read three times first, and moves their history into the profile on confirmation, once', async () => {
    const visitor = randomUUID()
    expect(await send({ events: read(visitor), visitor })).toEqual({ accepted: 4 })
    expect(await rankedFor(visitor)).toEqual(['Betrugsschutz', 'Reisen'])
    // Another visitor's reading is theirs alone.
    const traveller = randomUUID()
    await send({ events: [pageView('t1', '/reisen/a'), pageView('t2', '/reisen/b')], visitor: traveller })
    expect((await rankedFor(traveller))[0]).toBe('Reisen')

    const subscriber = await signUpAndConfirm('leserin@example.com', { tracking: true, visitor })
    expect(await eventIdsOf(subscriber.id)).toEqual(
      read(visitor)
        .map((event) => `web:${visitor}:${event.id}`)
        .sort(),
    )
    expect(await anonymousEvents(visitor)).toBe(0)
    const interests = Object.fromEntries(
      (subscriber.interests ?? []).map((entry) => [
        (entry.interest as { slug: string }).slug ?? entry.interest,
        [entry.source, entry.weight],
      ]),
    )
    expect(interests).toEqual({ betrug: ['implicit', 1], reisen: ['implicit', 0.333] })

    // A second tab confirming with the same visitor id: nothing happens twice.
    expect(await mergeVisitor(payload, { subscriber: subscriber.id, via: 'signup', visitor })).toEqual({
      status: 'already_merged',
    })
    // The mail's link: the batch it sends is the subscriber's, nothing is merged.
    const token = signSubscriberToken(payload, subscriber, 'personalize', 3600)
    expect(await send({ events: [pageView('after', '/ratgeber/betrug/neu')], token, visitor })).toEqual({
      accepted: 1,
      rejected: 0,
      skipped: 0,
    })
    expect((await eventIdsOf(subscriber.id)).length).toBe(5)
    const merges = await payload.find({
      collection: VISITOR_MERGES as 'events',
      where: { visitor: { equals: visitor } } as never,
    })
    expect(
      merges.docs.map((merge) => [
        (merge as unknown as { via: string }).via,
        (merge as unknown as { events: number }).events,
      ]),
    ).toEqual([['signup', 4]])
    const again = await payload.findByID({ collection: 'subscribers', depth: 0, id: subscriber.id })
    expect(again.interests?.map((entry) => entry.weight).sort()).toEqual([0.333, 1])
  })

  it('merges nothing for a sign-up without tracking consent: the anonymous history stays anonymous and expires', async () => {
    const visitor = randomUUID()
    await send({ events: read(visitor), visitor })
    const subscriber = await signUpAndConfirm('ohne-tracking@example.com', { visitor })
    expect(await eventIdsOf(subscriber.id)).toEqual([])
    expect(await anonymousEvents(visitor)).toBe(4)
    expect(await mergeVisitor(payload, { subscriber: subscriber.id, via: 'signup', visitor })).toEqual({
      status: 'no_tracking_consent',
    })
  })

  it('keeps another browser’s reading out of a link holder’s profile and data export when their mail link is forwarded or posted', async () => {
    const holder = await signUpAndConfirm('linkholder@example.com', { tracking: true, visitor: randomUUID() })
    const token = signSubscriberToken(payload, holder, 'personalize', 3600)
    // Someone else's browser, with consent to anonymous tracking, has read a sensitive page …
    const stranger = randomUUID()
    await send({ events: [pageView('s1', 'https://shop.example/ratgeber/schulden/insolvenz')], visitor: stranger })
    // … and then opens the holder's forwarded link: the SDK sends the link's token with its own visitor id.
    expect(await send({ events: [pageView('s2', 'https://shop.example/')], token, visitor: stranger })).toEqual({
      accepted: 1,
      rejected: 0,
      skipped: 0,
    })
    const ownData = signSubscriberToken(payload, holder, 'preferences', 3600)
    const exported = await (await host.call(`/api/preferences/export?token=${encodeURIComponent(ownData)}`)).text()
    expect(exported).toContain('https://shop.example/')
    expect(exported).not.toContain('/ratgeber/schulden/insolvenz')
    expect(await anonymousEvents(stranger)).toBe(1)
    expect(
      (
        await payload.count({
          collection: VISITOR_MERGES as 'events',
          where: { visitor: { equals: stranger } } as never,
        })
      ).totalDocs,
    ).toBe(0)
  })
})
