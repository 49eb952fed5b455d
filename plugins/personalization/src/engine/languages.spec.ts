import type { Payload, PayloadRequest } from 'payload'

import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Newsletter, Subscriber } from '../documents'

import { fieldErrors } from '../../../../tests/helpers/errors'
import { bilingualNewsletter, blockByTitle, GENERIC_BLOCK } from '../../../../tests/helpers/languages'
import { type LocalPayload } from '../../../../tests/helpers/localPayload'
import { startDemoPayload } from '../../../../tests/helpers/referenceApp'
import { CodedError } from '../errors'
import { NO_BEHAVIOUR } from './context/behaviour'
import { recipientRenderer } from './recipientRenderer'
import { personalizedBlocks, personalizedNewsletter } from './service'

describe('one language per document, readers with regional locales (Local API, SQLite, demo data)', () => {
  let local: LocalPayload
  let payload: Payload
  let asAdmin: PayloadRequest
  let asPublic: PayloadRequest
  let translated: Newsletter
  let germanOnly: Newsletter

  const subscriberWith = (data: Partial<Subscriber>) =>
    payload.create({
      collection: 'subscribers',
      data: {
        addressForm: 'formal',
        email: `leser-${Math.random().toString(36).slice(2)}@example.com`,
        firstName: 'Alex',
        gender: 'female',
        lastName: 'Moser',
        ...data,
      } as never,
    })
  /** The languages of the blocks a result shows, as stored. */
  const blockLanguages = async (ids: (number | string)[]) =>
    Promise.all(ids.map(async (id) => (await payload.findByID({ collection: 'content-blocks', depth: 0, id })).locale))
  const languagesOf = (result: Awaited<ReturnType<typeof personalizedNewsletter>>) =>
    blockLanguages(result.slots.flatMap((slot) => slot.blocks.map((block) => block.id)))
  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'no error',
      (error: unknown) => (error instanceof CodedError ? `${error.code}: ${error.message}` : String(error)),
    )

  beforeAll(async () => {
    local = await startDemoPayload('sqlite')
    payload = local.payload
    const admin = (await payload.find({ collection: 'users', where: { role: { equals: 'admin' } } })).docs[0]
    asAdmin = await createLocalReq({ user: { ...admin, collection: 'users' } }, payload)
    asPublic = await createLocalReq({}, payload)
    translated = (await bilingualNewsletter(payload, 'sprachen-zweisprachig', { english: true })).newsletter
    germanOnly = (await bilingualNewsletter(payload, 'sprachen-deutsch', { english: false })).newsletter
  }, 120_000)
  afterAll(() => local?.close())

  it('accepts a subscriber with locale de-AT (any case) and writes them a German mail', async () => {
    const austrian = await subscriberWith({ locale: 'de-at' })
    expect(austrian.locale).toBe('de-AT')
    const result = await personalizedNewsletter(asAdmin, { newsletter: translated.slug, subscriber: austrian.id })
    expect(result).toMatchObject({
      locale: 'de',
      preheader: 'Fristen und Tipps für Alex',
      subject: 'Ihre Steuertermine',
    })
    expect(result.html).toContain('<html lang="de"')
    expect(result.html).toContain('Sehr geehrte Frau Moser,')
    expect(await languagesOf(result)).toEqual(['de'])
  })

  it('refuses an unknown locale at save time and in a context, naming the accepted ones', async () => {
    expect(await fieldErrors(subscriberWith({ locale: 'xx-YY' }))).toEqual([expect.stringMatching(/^locale: /)])
    const anonymous = await codeOf(
      personalizedNewsletter(asPublic, { context: { locale: 'xx-YY' }, newsletter: translated.slug }),
    )
    expect(anonymous).toMatch(/^BAD_USER_INPUT: Unsupported locale "xx-YY"; use one of de, de-DE, de-AT, .*en-GB/)
    expect(
      await fieldErrors(
        payload.update({
          collection: 'newsletters',
          data: {
            translations: [
              { locale: 'en', subject: 'One' },
              { locale: 'en', subject: 'Two' },
            ],
          } as never,
          id: translated.id,
        }),
      ),
    ).toEqual([expect.stringMatching(/^translations: Jede Sprache nur einmal/)])
  })

  it('writes an en-GB reader of a translated newsletter all in English: subject, preheader, blocks, salutation, lang', async () => {
    const british = await subscriberWith({ locale: 'en-GB' })
    const result = await personalizedNewsletter(asAdmin, { newsletter: translated.slug, subscriber: british.id })
    expect(result).toMatchObject({
      locale: 'en',
      preheader: 'Deadlines and tips for Alex',
      subject: 'Your tax deadlines',
    })
    expect(result.html).toContain('<html lang="en"')
    expect(result.html).toContain('Dear Ms Moser,')
    expect(result.text).not.toMatch(/Sehr geehrte|Steuertermine/)
    expect(await languagesOf(result)).toEqual(['en'])

    // Anonymous readers alike, and a campaign's renderer (the mail itself) says the same.
    const visitor = await personalizedNewsletter(asPublic, {
      context: { locale: 'en-US' },
      newsletter: translated.slug,
    })
    expect(visitor).toMatchObject({ locale: 'en', subject: 'Your tax deadlines' })
    const renderer = await recipientRenderer(payload, translated, new Date())
    const mail = await renderer.render({
      behaviour: NO_BEHAVIOUR,
      recentBlocks: [],
      segments: new Set(),
      subscriber: british as Subscriber,
    })
    expect(mail).toMatchObject({ locale: 'en', subject: 'Your tax deadlines' })
    expect(await blockLanguages(mail.blocks)).toEqual(['en'])
  })

  it('writes an English reader of a newsletter without English version all in German', async () => {
    const british = await subscriberWith({ locale: 'en-GB' })
    const result = await personalizedNewsletter(asAdmin, { newsletter: germanOnly.slug, subscriber: british.id })
    expect(result).toMatchObject({ locale: 'de', subject: 'Ihre Steuertermine' })
    expect(result.html).toContain('<html lang="de"')
    expect(result.html).toContain('Sehr geehrte Frau Moser,')
    expect(await languagesOf(result)).toEqual(['de'])
    const renderer = await recipientRenderer(payload, germanOnly, new Date())
    const mail = await renderer.render({
      behaviour: NO_BEHAVIOUR,
      recentBlocks: [],
      segments: new Set(),
      subscriber: british as Subscriber,
    })
    expect(mail).toMatchObject({ locale: 'de', subject: 'Ihre Steuertermine' })
    expect(await blockLanguages(mail.blocks)).toEqual(['de'])
  })

  it('ranks blocks for a frontend in the language of the reader’s chain', async () => {
    const blocks = await personalizedBlocks(asPublic, {
      context: { locale: 'en-IE' },
      filter: { channel: 'email', strategy: 'priority' },
      limit: 3,
    })
    expect(new Set(await blockLanguages(blocks.map((block) => block.id)))).toEqual(new Set(['en']))
  })

  // Last: it takes the English generic block out of the library.
  it('writes the whole document in German when a slot has no English fallback', async () => {
    const englishGeneric = await blockByTitle(payload, GENERIC_BLOCK.en)
    await payload.update({
      collection: 'content-blocks',
      data: { validUntil: new Date(Date.now() - 86_400_000).toISOString() },
      id: englishGeneric.id,
    })
    const british = await subscriberWith({ locale: 'en-GB' })
    const result = await personalizedNewsletter(asAdmin, { newsletter: translated.slug, subscriber: british.id })
    expect(result).toMatchObject({ locale: 'de', subject: 'Ihre Steuertermine' })
    expect(await languagesOf(result)).toEqual(['de'])
  })
})
