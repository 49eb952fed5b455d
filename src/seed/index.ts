import type { CollectionSlug, Payload } from 'payload'

import type { StageChangeContext } from '../../collections/hooks/recordStageChange'

import { DEFAULT_STAGES, STAGE_ORDER_STEP } from '../domain/lifecycle'
import { paragraphsToRichText } from '../utilities/richText'
import { BLOCKS } from './data/blocks'
import { LANDING_PAGES, NEWSLETTERS } from './data/layouts'
import { demoSubscribers } from './data/subscribers'
import { INTERESTS, PERSONAS } from './data/taxonomy'
import { demoUsers } from './data/users'
import { DEMO_IMAGES, renderDemoImage } from './images'

type Id = number | string
type SlotSeed = { fallback: string; goals?: readonly string[] }
type Row = { data: Record<string, unknown>; en?: Record<string, unknown>; file?: () => Promise<Buffer>; key: string }

const DAY = 24 * 60 * 60 * 1000

/** Seeds the demo into an empty database (first start); a database with users is left alone. */
export async function seedIfEmpty(payload: Payload): Promise<boolean> {
  const { totalDocs } = await payload.count({ collection: 'users' })
  if (totalDocs > 0) return false
  payload.logger.info('Empty database: seeding the demo (SEED_DEMO=false turns this off)')
  await seedDemoData(payload)
  return true
}

/**
 * Creates whatever part of the demo is missing, matched by a natural key (slug, title, email),
 * so running it again adds nothing twice and an interrupted run completes on the next one.
 */
export async function seedDemoData(payload: Payload, now = new Date()): Promise<void> {
  const started = Date.now()
  const ensure = (collection: CollectionSlug, keyField: string, rows: Row[]) =>
    ensureBy(payload, collection, keyField, rows)

  const stages = await ensure(
    'lifecycle-stages',
    'key',
    DEFAULT_STAGES.map((stage, index) => ({
      data: { description: stage.description.de, key: stage.key, label: stage.label.de, order: (index + 1) * STAGE_ORDER_STEP, system: true },
      en: { description: stage.description.en, label: stage.label.en },
      key: stage.key,
    })),
  )

  const personas = await ensure(
    'personas',
    'slug',
    PERSONAS.map((persona) => ({
      data: { description: persona.description.de, name: persona.name.de, profile: persona.profile, slug: persona.slug },
      en: { description: persona.description.en, name: persona.name.en },
      key: persona.slug,
    })),
  )

  const topInterests = await ensure(
    'interests',
    'slug',
    INTERESTS.map((group) => ({ data: { label: group.label.de, slug: group.slug }, en: { label: group.label.en }, key: group.slug })),
  )
  const childInterests = await ensure(
    'interests',
    'slug',
    INTERESTS.flatMap((group) =>
      group.children.map((child) => ({
        data: { label: child.label.de, parent: topInterests.get(group.slug), slug: child.slug },
        en: { label: child.label.en },
        key: child.slug,
      })),
    ),
  )

  const media = await ensure(
    'media',
    'filename',
    DEMO_IMAGES.map((image) => ({
      data: { alt: image.alt.de },
      en: { alt: image.alt.en },
      file: () => renderDemoImage(image),
      key: `demo-${image.key}.jpg`,
    })),
  )

  const idsOf = (map: Map<string, Id>, keys: string[] = []) => keys.map((key) => mustGet(map, key))
  const at = (days: null | number | undefined) => (days == null ? null : new Date(now.getTime() + days * DAY).toISOString())
  const blocks = await ensure(
    'content-blocks',
    'title',
    BLOCKS.map((block) => ({
      data: {
        _status: block.draft ? 'draft' : 'published',
        body: paragraphsToRichText(block.text),
        channels: block.channels,
        cta: block.cta ? { label: block.cta[0], url: block.cta[1] } : undefined,
        discountProduct: block.discountProduct,
        goal: block.goal,
        image: block.image ? mustGet(media, `demo-${block.image}.jpg`) : undefined,
        interests: idsOf(childInterests, block.interests),
        isFallback: Boolean(block.fallback),
        locale: block.locale ?? 'de',
        personas: idsOf(personas, block.personas),
        priority: block.priority ?? 50,
        stages: idsOf(stages, block.stages),
        title: block.title,
        validFrom: at(block.valid?.[0]),
        validUntil: at(block.valid?.[1]),
      },
      key: block.title,
    })),
  )

  const slotsOf = (slots: readonly SlotSeed[]) =>
    slots.map(({ fallback, ...slot }) => ({ ...slot, fallback: mustGet(blocks, fallback), goals: slot.goals ? [...slot.goals] : [] }))
  await ensure('newsletters', 'slug', NEWSLETTERS.map((newsletter) => ({ data: { ...newsletter, slots: slotsOf(newsletter.slots) }, key: newsletter.slug })))
  await ensure('landing-pages', 'slug', LANDING_PAGES.map((page) => ({ data: { ...page, slots: slotsOf(page.slots) }, key: page.slug })))

  await ensure(
    'subscribers',
    'email',
    demoSubscribers().map((subscriber) => ({
      data: {
        ...subscriber,
        interests: subscriber.interests.map(({ interest, lastSeenDaysAgo, source, weight }) => ({
          interest: mustGet(childInterests, interest),
          lastSeenAt: new Date(now.getTime() - lastSeenDaysAgo * DAY).toISOString(),
          source,
          weight,
        })),
        persona: subscriber.persona ? mustGet(personas, subscriber.persona) : undefined,
        purchases: subscriber.purchases.map(({ daysAgo, product }) => ({ product, purchasedAt: new Date(now.getTime() - daysAgo * DAY).toISOString() })),
        stage: mustGet(stages, subscriber.stage),
      },
      key: subscriber.email,
    })),
  )

  await ensure('users', 'email', demoUsers().map((user) => ({ data: user, key: user.email })))
  payload.logger.info(`Demo data ready in ${Date.now() - started} ms`)
}

async function ensureBy(payload: Payload, collection: CollectionSlug, keyField: string, rows: Row[]): Promise<Map<string, Id>> {
  const existing = await payload.find({
    collection,
    depth: 0,
    draft: true,
    limit: 0,
    pagination: false,
    where: { [keyField]: { in: rows.map((row) => row.key) } },
  })
  const ids = new Map<string, Id>(existing.docs.map((doc) => [String((doc as unknown as Record<string, unknown>)[keyField]), doc.id]))
  const context: StageChangeContext = { stageChange: { reason: 'Demo-Daten', source: 'import' } }

  for (const row of rows) {
    if (ids.has(row.key)) continue
    const isDraft = row.data._status === 'draft'
    const file = row.file && { data: await row.file(), mimetype: 'image/jpeg', name: row.key, size: 0 }
    if (file) file.size = file.data.length
    const doc = await payload.create({ collection, context, data: row.data as never, draft: isDraft, file, locale: 'de' })
    if (row.en) {
      await payload.update({ id: doc.id, collection, context, data: row.en as never, draft: isDraft, locale: 'en' })
    }
    ids.set(row.key, doc.id)
  }
  return ids
}

function mustGet(map: Map<string, Id>, key: string): Id {
  const id = map.get(key)
  if (id == null) throw new Error(`Demo data refers to "${key}", which was not seeded`)
  return id
}
