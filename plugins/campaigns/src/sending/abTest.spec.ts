import type { Payload, PayloadRequest } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { recordEvents, writeAtomically } from '@kontorwerk/personalization'

import type { SmtpSink } from '../../../../tests/helpers/smtp'
import type { Campaign } from '../documents'

import { createAudience } from '../../../../tests/helpers/audience'
import { type CampaignWorld, startCampaignWorld } from '../../../../tests/helpers/campaignWorld'
import { CAMPAIGN_QUEUE } from '../defaults'
import { campaignReport } from '../reporting/campaignReport'
import { runCampaignJobs, scheduleCampaign } from '../testing/runCampaign'
import { assignVariant } from './abTest'
import { queueSendJob } from './continueOrFinish'

describe('A/B group assignment', () => {
  const campaign = {
    abTest: {
      holdoutPercent: 10,
      variants: [
        { key: 'A', share: 20 },
        { key: 'B', share: 30 },
      ],
    },
    id: 7,
  } as unknown as Campaign

  it('splits 20,000 recipients by the shares (±1.5 points), the same way every time', () => {
    const counts: Record<string, number> = {}
    for (let subscriber = 1; subscriber <= 20_000; subscriber++) {
      const { variant } = assignVariant(campaign, String(subscriber))
      counts[variant!] = (counts[variant!] ?? 0) + 1
      expect(assignVariant(campaign, String(subscriber)).variant).toBe(variant)
    }
    const percent = (key: string) => (counts[key] / 20_000) * 100
    expect(Math.abs(percent('A') - 20)).toBeLessThan(1.5)
    expect(Math.abs(percent('B') - 30)).toBeLessThan(1.5)
    expect(Math.abs(percent('holdout') - 10)).toBeLessThan(1.5)
    expect(Math.abs(percent('winner') - 40)).toBeLessThan(1.5)
  })

  it('puts everyone in the campaign without a test', () => {
    expect(assignVariant({ id: 1 } as Campaign, '5')).toEqual({ holdout: false, variant: null, waits: false })
  })
})

describe('an A/B test with holdout and automatic winner (Local API, SQLite, real SMTP server)', () => {
  let world: CampaignWorld
  let payload: Payload
  let sink: SmtpSink
  let editor: PayloadRequest

  beforeAll(async () => {
    world = await startCampaignWorld()
    ;({ editor, payload, sink } = world)
  })
  afterAll(() => world?.close())

  it('sends the variants, spares the holdout, picks the variant with more unique clicks and sends it to the rest', async () => {
    const newsletter = (
      await payload.find({ collection: 'newsletters', depth: 0, where: { slug: { equals: 'wochen-update' } } })
    ).docs[0]
    const [pinned] = (
      await payload.find({
        collection: 'content-blocks',
        depth: 0,
        limit: 1,
        where: { title: { equals: 'Wir helfen gern' } },
      })
    ).docs
    const audience = await createAudience(payload, { count: 300, prefix: 'ab-', trackingEvery: 1 })
    const campaign = await scheduleCampaign(payload, editor, {
      abTest: {
        decideAfterHours: 2,
        holdoutPercent: 10,
        variants: [
          { key: 'A', share: 25, subject: 'Variante A: {{ subscriber.first_name }}' },
          {
            block: pinned.id,
            key: 'B',
            share: 25,
            slot: 'aufmacher',
            subject: 'Variante B: {{ subscriber.first_name }}',
          },
        ],
        winnerMetric: 'unique_click_rate',
      },
      audience: audience.segment,
      newsletter: newsletter.id,
    })
    const mine = () => sink.messages.filter((mail) => mail.messageId?.startsWith(`<campaign-${campaign.id}.`))

    // Phase 1: the two test groups go out; the rest waits for the decision.
    for (let round = 0; round < 100 && mine().length < 1; round++)
      await payload.jobs.run({ limit: 10, queue: CAMPAIGN_QUEUE })
    for (let round = 0; round < 200; round++) {
      await payload.jobs.run({ limit: 10, queue: CAMPAIGN_QUEUE })
      const due = await payload.count({
        collection: 'campaign-sends',
        where: {
          and: [
            { campaign: { equals: campaign.id } },
            { state: { equals: 'pending' } },
            { nextAttemptAt: { exists: false } },
          ],
        },
      })
      if (due.totalDocs === 0) break
    }
    const first = await campaignReport(payload, String(campaign.id))
    const group = (key: string) => first.variants.find((variant) => variant.variant === key)!
    expect(group('A').sent + group('B').sent).toBe(mine().length)
    expect(group('holdout')).toMatchObject({ sent: 0, skipped: expect.any(Number) })
    expect(group('winner').pending).toBe(first.pending)
    for (const [key, share] of [
      ['A', 25],
      ['B', 25],
      ['holdout', 10],
      ['winner', 40],
    ] as const) {
      expect(Math.abs(group(key).recipients / 300 - share / 100)).toBeLessThan(0.1)
    }
    expect(mine().every((mail) => /^Variante [AB]: Person\d+$/.test(mail.subject ?? ''))).toBe(true)
    const bMails = mine().filter((mail) => mail.subject?.startsWith('Variante B'))
    expect(bMails.every((mail) => mail.text?.includes('Wir helfen gern'))).toBe(true)

    // B gets more unique clickers than A.
    const clicks = (variant: string, count: number) =>
      mine()
        .filter((mail) => mail.subject?.startsWith(`Variante ${variant}`))
        .slice(0, count)
        .map((mail, index) => ({
          id: `ab-click-${variant}-${index}`,
          properties: { message: `campaign:${campaign.id}:${variant}`, url: 'https://kontorwerk.example/x' },
          subscriber: audience.ids[audience.emails.indexOf(mail.to && 'text' in mail.to ? mail.to.text : '')],
          type: 'email_clicked',
        }))
    expect((await recordEvents(payload, [...clicks('A', 2), ...clicks('B', 9)], { source: 'tracking' })).accepted).toBe(
      11,
    )

    // Two hours later (the waiting time, moved forward): the winner goes to the rest.
    const waiting = await payload.find({
      collection: 'campaign-sends',
      depth: 0,
      limit: 0,
      pagination: false,
      where: { campaign: { equals: campaign.id }, variant: { equals: 'winner' } },
    })
    await writeAtomically(payload, {
      updates: waiting.docs.map((doc) => ({
        collection: 'campaign-sends',
        data: { nextAttemptAt: new Date() },
        id: String(doc.id),
      })),
    })
    // The job already queued for that moment wakes two hours later too: this one stands for it.
    await queueSendJob(payload, String(campaign.id))
    const done = await runCampaignJobs(payload, campaign.id)
    expect(done).toMatchObject({ abWinner: 'B', status: 'done' })
    const final = await campaignReport(payload, String(campaign.id))
    const rest = final.variants.find((variant) => variant.variant === 'winner')!
    expect(rest.sent).toBe(waiting.totalDocs)
    expect(mine().filter((mail) => mail.subject?.startsWith('Variante B'))).toHaveLength(
      group('B').sent + waiting.totalDocs,
    )
    expect(final.variants.find((variant) => variant.variant === 'B')!.uniqueClicks).toBe(9)
    // Nobody twice, nobody from the holdout.
    const recipients = mine().map((mail) => (mail.to && 'text' in mail.to ? mail.to.text : ''))
    expect(new Set(recipients).size).toBe(recipients.length)
    expect(recipients).toHaveLength(300 - group('holdout').skipped)
  })
})
