import mjml2html from 'mjml'
import { performance } from 'node:perf_hooks'

import type { SlotDefinition } from '@kontorwerk/personalization'

import {
  assemble,
  blockLibrary,
  compileNewsletter,
  contextFromSubscriber,
  engineSettings,
  extensionsOf,
  newsletterMjml,
  paragraphsToRichText,
  personalizeNewsletter,
  renderTokens,
  tokenContext,
} from '@kontorwerk/personalization'

import type { Subscriber } from '../src/payload-types'

import { seedDemoData } from '../src/seed'
import { demoSubscribers } from '../src/seed/data/subscribers'
import { startLocalPayload } from '../tests/helpers/localPayload'
import { peakMemory, printTable } from './table'

const RECIPIENTS = 10_000
const BASELINE_SAMPLE = 300

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
  // Persona fits as campaigns rank with them (lead scoring's contract), so the bench ranks the same way.
  const personaFitsOf = extensionsOf(payload).leadScores?.personaFitsOf

  const memory = peakMemory()
  const started = performance.now()
  let bytes = 0
  const combinations = new Set<string>()
  const phases = { assembly: 0, compile: 0, context: 0, tokens: 0 }
  for (const subscriber of subscribers) {
    let t0 = performance.now()
    const context = contextFromSubscriber(subscriber, library.taxonomy, now, {
      personaFits: personaFitsOf?.(subscriber),
    })
    let t1 = performance.now()
    phases.context += t1 - t0
    t0 = t1
    const assembled = assemble({
      blocks: library.candidates,
      context,
      interestAncestors: library.taxonomy.interestAncestors,
      settings: engineSettings(payload),
      slots,
    })
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
  const personalizedMs = performance.now() - started
  const personalizedMemory = memory()

  // Baseline: what a naive sender does, one MJML compile per recipient.
  const baselineMemory = peakMemory()
  const baselineStarted = performance.now()
  for (const subscriber of subscribers.slice(0, BASELINE_SAMPLE)) {
    const context = contextFromSubscriber(subscriber, library.taxonomy, now, {
      personaFits: personaFitsOf?.(subscriber),
    })
    const assembled = assemble({
      blocks: library.candidates,
      context,
      interestAncestors: library.taxonomy.interestAncestors,
      settings: engineSettings(payload),
      slots,
    })
    const blocks = assembled.map((slot) => slot.choices.map((choice) => library.content.get(String(choice.block.id))!))
    await mjml2html(renderTokens(newsletterMjml(newsletter, blocks), tokenContext(subscriber), 'html'), {
      validationLevel: 'skip',
    })
  }
  const baselineMs = performance.now() - baselineStarted
  const baselineRate = (BASELINE_SAMPLE / baselineMs) * 1000
  const rate = (RECIPIENTS / personalizedMs) * 1000

  printTable(
    `Newsletter rendering: ${RECIPIENTS} recipients, 5 slots, ${library.candidates.length} published blocks, ${combinations.size} distinct block combinations`,
    [
      {
        approach: `baseline: mjml2html per recipient (${BASELINE_SAMPLE} sampled)`,
        'emails/s': Math.round(baselineRate),
        'peak RSS MB': baselineMemory(),
        ratio: '1.0×',
      },
      {
        approach: 'engine + MJML once per block + Liquid per recipient',
        'emails/s': Math.round(rate),
        'peak RSS MB': personalizedMemory,
        ratio: `${(rate / baselineRate).toFixed(1)}×`,
      },
    ],
  )
  const perRecipient = (ms: number) => `${((ms * 1000) / RECIPIENTS).toFixed(1)} µs`
  console.log(
    `per recipient: context ${perRecipient(phases.context)}, assembly ${perRecipient(phases.assembly)}, ` +
      `MJML (amortised) ${perRecipient(phases.compile)}, tokens ${perRecipient(phases.tokens)}; average HTML ${Math.round(bytes / RECIPIENTS / 1024)} KiB`,
  )
  await local.close()
}
