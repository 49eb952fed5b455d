import type { Payload } from 'payload'

import { paragraphsToRichText } from '@kontorwerk/personalization'

/** The demo's generic email blocks per language (the seed's "Neu im Kontorwerk-Blog" and its English twin). */
export const GENERIC_BLOCK = { de: 'Neu im Kontorwerk-Blog', en: 'New on the Kontorwerk blog' }

export const blockByTitle = async (payload: Payload, title: string) =>
  (await payload.find({ collection: 'content-blocks', depth: 0, limit: 1, where: { title: { equals: title } } }))
    .docs[0]

/**
 * A one-slot newsletter on the demo data with a lead block in German and one in English that every
 * reader qualifies for (no persona, stage or interest), the German generic block as the slot's
 * fallback, and with `english` an English translation of subject and preheader.
 */
export async function bilingualNewsletter(payload: Payload, slug: string, { english }: { english: boolean }) {
  const block = (locale: 'de' | 'en', title: string, text: string) =>
    payload.create({
      collection: 'content-blocks',
      data: {
        _status: 'published',
        body: paragraphsToRichText([text]),
        channels: ['email'],
        goal: 'nurture',
        locale,
        priority: 100,
        title,
      } as never,
    })
  const [german, englishBlock, fallback] = await Promise.all([
    block('de', `Steuertermine im Überblick (${slug})`, 'Alle Fristen des Quartals auf einen Blick.'),
    block('en', `Tax deadlines at a glance (${slug})`, 'Every deadline of the quarter at a glance.'),
    blockByTitle(payload, GENERIC_BLOCK.de),
  ])
  const newsletter = await payload.create({
    collection: 'newsletters',
    data: {
      name: `Sprachen ${slug}`,
      preheader: 'Fristen und Tipps für {{ subscriber.first_name | default: "Sie" }}',
      slots: [{ count: 1, fallback: fallback.id, key: 'aufmacher', label: 'Aufmacher', strategy: 'priority' }],
      slug,
      subject: 'Ihre Steuertermine',
      translations: english
        ? [
            {
              locale: 'en',
              preheader: 'Deadlines and tips for {{ subscriber.first_name | default: "you" }}',
              subject: 'Your tax deadlines',
            },
          ]
        : [],
    } as never,
  })
  return { blocks: { de: german, en: englishBlock }, newsletter }
}
