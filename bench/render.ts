import type { Payload } from 'payload'

import mjml2html from 'mjml'
import { performance } from 'node:perf_hooks'

import type { SlotDefinition } from '@kontorwerk/personalization'

import {
  assemble,
  type Behaviour,
  blockLibrary,
  compileNewsletter,
  contextFromSubscriber,
  engineSettings,
  extensionsOf,
  newsletterMjml,
  paragraphsToRichText,
  personalizeNewsletter,
  readBehaviour,
  readRows,
  renderTokens,
  tokenContext,
  writeAtomically,
} from '@kontorwerk/personalization'

import type { Subscriber } from '../src/payload-types'

import { seedDemoData } from '../src/seed'
import { demoSubscribers } from '../src/seed/data/subscribers'
import { startLocalPayload } from '../tests/helpers/localPayload'
import { peakMemory, printTable } from './table'

const RECIPIENTS = 10_000
const BASELINE_SAMPLE = 300
/** A campaign batch (campaigns' default batchSize): the history is read once per batch, as sendBatch does. */
const BATCH = 200
const PRODUCTS = ['lohn-modul', 'e-rechnung-modul', 'basis', 'beratung']
const DAY = 24 * 60 * 60 * 1000

/** Newsletter HTML for 10,000 subscribers (5 slots, 60+ blocks) against one mjml2html call per recipient. */
export async function renderBench() {
  const local = await startLocalPayload('sqlite')
  const { payload } = local
  await seedDemoData(payload)
  const interests = (await payload.find({ collection: 'interests', limit: 0, where: { parent: { exists: true } } }))
    .docs
  const stages = (await payload.find({ collection: 'lifecycle-stages', limit: 0 })).docs
  for (let i = 0; i < 20; i++) {
    await payload.create({
      collection: 'content-blocks',
      data: {
        _status: 'published',
        body: paragraphsToRichText([
          `Benchmark-Block ${i}: {{ subscriber.first_name | default: "Hallo" }}, hier steht ein Absatz mit ein wenig Text.`,
        ]),
        channels: ['email'],
        cta: { label: 'Mehr lesen', url: `/bench/${i}` },
        goal: (['nurture', 'upsell', 'retention', 'onboarding'] as const)[i % 4],
        interests: [interests[i % interests.length].id],
        priority: 30 + i,
        stages: [stages[i % stages.length].id],
        title: `Benchmark-Block ${i}`,
      } as never,
    })
  }
  const library = await blockLibrary(payload)
  const fallback = library.candidates.find((block) => block.isFallback && block.channels.includes('email'))!.id
  const slots: SlotDefinition[] = ['nurture', 'upsell', 'retention', 'onboarding', 'nurture'].map((goal, index) => ({
    channel: 'email',
    count: 1,
    fallback,
    goals: [goal as never],
    interests: [],
    key: `slot${index}`,
    label: `Slot ${index}`,
    strategy: 'relevance',
  }))
  const newsletter = {
    id: 'bench',
    layout: 'standard' as const,
    preheader: 'Neu für {{ subscriber.first_name | default: "Sie" }}',
    subject: 'Update für {{ salutation }}',
    updatedAt: new Date().toISOString(),
  }

  const ids = (map: Map<string, string>) => (slug: string) => map.get(slug)!
  const stageId = new Map(stages.map((stage) => [stage.key, String(stage.id)]))
  const personaId = library.taxonomy.personaIdBySlug
  const subscribers = demoSubscribers(RECIPIENTS, 7).map((s, index) => ({
    ...s,
    id: index,
    interests: s.interests.map(({ interest, weight }) => ({
      interest: ids(library.taxonomy.interestIdBySlug)(interest),
      weight,
    })),
    persona: s.persona ? personaId.get(s.persona) : null,
    stage: stageId.get(s.stage),
  })) as unknown as Subscriber[]
  const now = new Date()
  const dbIds = await subscribersWithHistory(payload, RECIPIENTS, now)
  // Persona fits as campaigns rank with them (lead scoring's contract), so the bench ranks the same way.
  const personaFitsOf = extensionsOf(payload).leadScores?.personaFitsOf

  let bytes = 0
  const combinations = new Set<string>()
  const phases = { assembly: 0, compile: 0, context: 0, history: 0, tokens: 0 }
  const readBatch = (from: number, size = BATCH) =>
    readBehaviour(payload, dbIds.slice(from, from + size), library.taxonomy.customerStageIds, now)
  let withHistory = 0

  const settings = engineSettings(payload)
  const assembleFor = (context: ReturnType<typeof contextFromSubscriber>) =>
    assemble({
      blocks: library.candidates,
      context,
      interestAncestors: library.taxonomy.interestAncestors,
      settings,
      slots,
    })

  /** The engine for recipients [from, to): history per batch, context, assembly, compiled blocks, Liquid. */
  async function engine(from: number, to: number) {
    let histories = new Map<string, Behaviour>()
    for (let index = from; index < to; index++) {
      const subscriber = subscribers[index]
      let t0 = performance.now()
      if ((index - from) % BATCH === 0) {
        histories = await readBatch(index, Math.min(BATCH, to - index))
        const t1 = performance.now()
        phases.history += t1 - t0
        t0 = t1
      }
      const behaviour = histories.get(dbIds[index])
      if (behaviour?.purchases.length && behaviour.conversions.length) withHistory++
      const context = contextFromSubscriber(subscriber, library.taxonomy, now, {
        behaviour,
        personaFits: personaFitsOf?.(subscriber),
      })
      let t1 = performance.now()
      phases.context += t1 - t0
      t0 = t1
      const assembled = assembleFor(context)
      t1 = performance.now()
      phases.assembly += t1 - t0
      t0 = t1
      combinations.add(assembled.map((slot) => slot.choices.map((choice) => choice.block.id).join()).join('|'))
      const template = await compileNewsletter(newsletter, assembled, library.content)
      t1 = performance.now()
      phases.compile += t1 - t0
      t0 = t1
      bytes += personalizeNewsletter(newsletter, template, tokenContext(subscriber)).html.length
      phases.tokens += performance.now() - t0
    }
  }

  /** The baseline for recipients [from, to): what a naive sender does, one MJML compile per recipient (same history). */
  async function baseline(from: number, to: number) {
    const histories = await readBatch(from, to - from)
    for (let index = from; index < to; index++) {
      const subscriber = subscribers[index]
      const context = contextFromSubscriber(subscriber, library.taxonomy, now, {
        behaviour: histories.get(dbIds[index]),
        personaFits: personaFitsOf?.(subscriber),
      })
      const assembled = assembleFor(context)
      const blocks = assembled.map((slot) =>
        slot.choices.map((choice) => library.content.get(String(choice.block.id))!),
      )
      await mjml2html(renderTokens(newsletterMjml(newsletter, blocks), tokenContext(subscriber), 'html'), {
        validationLevel: 'skip',
      })
    }
  }

  // Engine and baseline take turns in ten rounds, so both see the same load: on a shared machine the
  // load changes within a minute, and measuring one after the other moved the ratio by ±30 %.
  const memory = peakMemory()
  const ROUNDS = 10
  let personalizedMs = 0
  let baselineMs = 0
  for (let round = 0; round < ROUNDS; round++) {
    let started = performance.now()
    await engine((round * RECIPIENTS) / ROUNDS, ((round + 1) * RECIPIENTS) / ROUNDS)
    personalizedMs += performance.now() - started
    started = performance.now()
    await baseline((round * BASELINE_SAMPLE) / ROUNDS, ((round + 1) * BASELINE_SAMPLE) / ROUNDS)
    baselineMs += performance.now() - started
  }
  const peakRss = memory()
  if (withHistory !== RECIPIENTS) throw new Error(`only ${withHistory} of ${RECIPIENTS} contexts had a history`)
  const baselineRate = (BASELINE_SAMPLE / baselineMs) * 1000
  const rate = (RECIPIENTS / personalizedMs) * 1000

  printTable(
    `Newsletter rendering: ${RECIPIENTS} recipients with purchase and conversion history, 5 slots, ${library.candidates.length} published blocks, ${combinations.size} distinct block combinations`,
    [
      {
        approach: `baseline: mjml2html per recipient (${BASELINE_SAMPLE} sampled)`,
        'emails/s': Math.round(baselineRate),
        'peak RSS MB': peakRss,
        ratio: '1.0×',
      },
      {
        approach: `engine (history read per batch of ${BATCH}) + MJML once per block + Liquid per recipient`,
        'emails/s': Math.round(rate),
        'peak RSS MB': peakRss,
        ratio: `${(rate / baselineRate).toFixed(1)}×`,
      },
    ],
  )
  const perRecipient = (ms: number) => `${((ms * 1000) / RECIPIENTS).toFixed(1)} µs`
  console.log(
    `per recipient: history ${perRecipient(phases.history)}, context ${perRecipient(phases.context)}, assembly ${perRecipient(phases.assembly)}, ` +
      `MJML (amortised) ${perRecipient(phases.compile)}, tokens ${perRecipient(phases.tokens)}; average HTML ${Math.round(bytes / RECIPIENTS / 1024)} KiB`,
  )
  await local.close()
}

/**
 * The bench's recipients as subscribers with events: every one bought something and downloaded an
 * asset, every other one also submitted a form, so each context carries purchase and conversion
 * history and the guards have something to check. Written in bulk (the intake would take minutes).
 */
async function subscribersWithHistory(payload: Payload, count: number, now: Date): Promise<string[]> {
  const emails = Array.from({ length: count }, (_, index) => `render-bench-${index}@example.com`)
  await writeAtomically(payload, {
    inserts: [
      { collection: 'subscribers', docs: emails.map((email) => ({ addressForm: 'formal', email, locale: 'de' })) },
    ],
  })
  const rows = await readRows(payload, 'subscribers', ['id', 'email'], [{ field: 'email', in: emails }])
  const idOf = new Map(rows.map((row) => [String(row.email), String(row.id)]))
  const ids = emails.map((email) => idOf.get(email)!)
  const at = (days: number) => new Date(now.getTime() - days * DAY)
  const events = ids.flatMap((subscriber, index) => [
    {
      eventId: `render-bench-buy-${index}`,
      occurredAt: at(index % 90),
      properties: { amount: 490, product: PRODUCTS[index % PRODUCTS.length] },
      subscriber,
      type: 'purchase',
    },
    {
      eventId: `render-bench-dl-${index}`,
      occurredAt: at(index % 40),
      properties: { asset: index % 2 ? 'whitepaper-cloud' : 'whitepaper-gobd' },
      subscriber,
      type: 'download',
    },
    ...(index % 2
      ? [
          {
            eventId: `render-bench-form-${index}`,
            occurredAt: at(index % 20),
            properties: { form: 'demo-request' },
            subscriber,
            type: 'form_submitted',
          },
        ]
      : []),
  ])
  await writeAtomically(payload, {
    inserts: [{ collection: 'events', docs: events.map((event) => ({ ...event, block: null, source: 'bench' })) }],
  })
  return ids
}
