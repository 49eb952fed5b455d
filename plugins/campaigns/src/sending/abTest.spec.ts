import type { Payload, PayloadRequest } from 'payload'

import { configToSchema } from '@payloadcms/graphql'
import { createRequire } from 'node:module'
import { getLocalI18n } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { recordEvents, writeAtomically } from '@kontorwerk/personalization'

import type { SmtpSink } from '../../../../tests/helpers/smtp'
import type { ReportWords } from '../components/ReportTable'
import type { Campaign } from '../documents'

import { createAudience } from '../../../../tests/helpers/audience'
import { type CampaignWorld, startCampaignWorld } from '../../../../tests/helpers/campaignWorld'
import { testedDatabases } from '../../../../tests/helpers/databases'
import { CAMPAIGN_QUEUE } from '../defaults'
import { abTestWords } from '../reporting/abTestWords'
import { type CampaignReport, campaignReport } from '../reporting/campaignReport'
import { reportFormat } from '../reporting/reportFormat'
import { runCampaignJobs, scheduleCampaign } from '../testing/runCampaign'
import { campaignAction } from '../utilities/actions'
import { abPlanOf, winnerWaitWords } from '../utilities/sendPlanWords'
import { abCheckTimes } from './abSchedule'
import { assignVariant, winnerOf } from './abTest'
import { queueSendJob } from './continueOrFinish'

const HOUR_MS = 3_600_000
// The graphql copy Payload builds its schema with.
const { execute, parse } = createRequire(import.meta.url)('graphql') as typeof import('graphql')

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

describe.each(testedDatabases().filter((kind) => kind !== 'mongodb'))(
  'an A/B test decided by significance (Local API on %s, real SMTP server)',
  (kind) => {
    let world: CampaignWorld
    let payload: Payload
    let sink: SmtpSink
    let editor: PayloadRequest
    let newsletter: number | string
    let pinned: number | string
    let german: ReportWords
    let english: ReportWords

    beforeAll(async () => {
      world = await startCampaignWorld(kind)
      ;({ editor, payload, sink } = world)
      newsletter = (
        await payload.find({ collection: 'newsletters', depth: 0, where: { slug: { equals: 'wochen-update' } } })
      ).docs[0].id
      const [block] = (
        await payload.find({
          collection: 'content-blocks',
          depth: 0,
          limit: 1,
          where: { title: { equals: 'Wir helfen gern' } },
        })
      ).docs
      pinned = block.id
      // The words an editor reads, through Payload's own i18n with the package's translations.
      german = (await getLocalI18n({ config: payload.config, language: 'de' })).t as unknown as ReportWords
      english = (await getLocalI18n({ config: payload.config, language: 'en' })).t as unknown as ReportWords
    }, 180_000)
    afterAll(() => world?.close())

    const mailsOf = (campaign: Campaign) =>
      sink.messages.filter((mail) => mail.messageId?.startsWith(`<campaign-${campaign.id}.`))
    const addressOf = (mail: SmtpSink['messages'][number]) => (mail.to && 'text' in mail.to ? mail.to.text : '')
    const subjectsOf = (campaign: Campaign, variant: string) =>
      mailsOf(campaign).filter((mail) => mail.subject?.startsWith(`Variante ${variant}:`))
    const load = async (campaign: Campaign) =>
      (await payload.findByID({ id: campaign.id, collection: 'campaigns', depth: 0 })) as unknown as Campaign
    const wordsOf = (report: CampaignReport, t: ReportWords, language: string) =>
      abTestWords(report.abTest!, report.status, t, reportFormat(language))

    /** Runs the campaign queue until the campaign is sending and none of its pending recipients is due. */
    async function runWhileDue(campaign: Campaign) {
      for (let round = 0; round < 300; round++) {
        await payload.jobs.run({ limit: 10, queue: CAMPAIGN_QUEUE })
        const due = await payload.count({
          collection: 'campaign-sends',
          where: {
            and: [
              { campaign: { equals: campaign.id } },
              { state: { equals: 'pending' } },
              {
                or: [
                  { nextAttemptAt: { exists: false } },
                  { nextAttemptAt: { less_than_equal: new Date().toISOString() } },
                ],
              },
            ],
          },
        })
        if (due.totalDocs === 0 && (await load(campaign)).status === 'sending') return
      }
      throw new Error(`Campaign ${campaign.id} still has due recipients`)
    }

    /** An A/B test of 300: A and B 25 % each, 10 % holdout, the rest (40 %) waits; the variants go out. */
    async function sendVariants(prefix: string) {
      const audience = await createAudience(payload, { count: 300, prefix, trackingEvery: 1 })
      const campaign = await scheduleCampaign(payload, editor, {
        abTest: {
          decideAfterHours: 4,
          holdoutPercent: 10,
          maxTestHours: 72,
          variants: [
            { key: 'A', share: 25, subject: 'Variante A: {{ subscriber.first_name }}' },
            {
              block: pinned,
              key: 'B',
              share: 25,
              slot: 'aufmacher',
              subject: 'Variante B: {{ subscriber.first_name }}',
            },
          ],
          winnerMetric: 'unique_click_rate',
        },
        audience: audience.segment,
        newsletter,
      })
      await runWhileDue(campaign)
      return { audience, campaign, report: await campaignReport(payload, String(campaign.id)) }
    }

    /** `count` readers of variant `variant` click a tracked link. */
    async function click(
      campaign: Campaign,
      audience: Awaited<ReturnType<typeof createAudience>>,
      variant: string,
      count: number,
    ) {
      const mails = subjectsOf(campaign, variant).slice(0, count)
      expect(mails).toHaveLength(count)
      const { accepted } = await recordEvents(
        payload,
        mails.map((mail, index) => ({
          id: `ab-click-${campaign.id}-${variant}-${index}`,
          properties: { message: `campaign:${campaign.id}:${variant}`, url: 'https://kontorwerk.example/x' },
          subscriber: audience.ids[audience.emails.indexOf(addressOf(mail))],
          type: 'email_clicked',
        })),
        { source: 'tracking' },
      )
      expect(accepted).toBe(count)
    }

    /**
     * Moves the campaign `hours` into its test: its start that long ago, its waiting rest due now, and
     * a send job now (the one queued for the old time would wake later). Returns how many wait.
     */
    async function travel(campaign: Campaign, hours: number) {
      const startedAt = new Date(Date.now() - hours * HOUR_MS - 60_000).toISOString()
      await writeAtomically(payload, {
        updates: [{ collection: 'campaigns', data: { startedAt }, id: String(campaign.id) }],
      })
      const waiting = await payload.find({
        collection: 'campaign-sends',
        depth: 0,
        limit: 0,
        pagination: false,
        where: { campaign: { equals: campaign.id }, state: { equals: 'pending' }, variant: { equals: 'winner' } },
      })
      await writeAtomically(payload, {
        updates: waiting.docs.map((doc) => ({
          collection: 'campaign-sends',
          data: { nextAttemptAt: new Date() },
          id: String(doc.id),
        })),
      })
      await queueSendJob(payload, String(campaign.id))
      return waiting.totalDocs
    }

    /** Nobody got two mails, and everyone but the holdout got one. */
    function expectOneMailEach(campaign: Campaign, report: CampaignReport) {
      const recipients = mailsOf(campaign).map(addressOf)
      expect(new Set(recipients).size).toBe(recipients.length)
      expect(recipients).toHaveLength(300 - report.variants.find((group) => group.variant === 'holdout')!.skipped)
    }

    it('refuses a maximum before the first check or beyond two weeks with a field error, and stores nothing', async () => {
      const campaigns = async () => (await payload.count({ collection: 'campaigns' })).totalDocs
      const before = await campaigns()
      for (const [timing, problem] of [
        [
          { decideAfterHours: 10, maxTestHours: 5 },
          /mindestens so viele Stunden wie bei „Entscheidung nach \(Stunden\)“/,
        ],
        [{ maxTestHours: 400 }, /Bitte 0 bis 336 Stunden angeben/],
      ] as const) {
        const refused = await payload
          .create({
            collection: 'campaigns',
            data: {
              abTest: {
                ...timing,
                variants: [
                  { key: 'A', share: 20, subject: 'A' },
                  { key: 'B', share: 20, subject: 'B' },
                ],
              },
              channel: 'email',
              name: `Zu kurz ${kind}`,
              newsletter,
            } as never,
            req: editor,
          })
          .catch((error: unknown) => error as { data?: unknown; name?: string })
        expect(refused).toMatchObject({ name: 'ValidationError' })
        expect(JSON.stringify((refused as { data?: unknown }).data)).toMatch(problem)
      }
      expect(await campaigns()).toBe(before)
    })

    it('sends the variants, spares the holdout and sends the significantly better variant to the rest at the first check', async () => {
      const { audience, campaign, report: first } = await sendVariants(`ab-${kind}-clear-`)
      const group = (key: string) => first.variants.find((variant) => variant.variant === key)!
      expect(group('A').sent + group('B').sent).toBe(mailsOf(campaign).length)
      expect(group('holdout')).toMatchObject({ sent: 0, skipped: expect.any(Number) })
      expect(group('winner').pending).toBe(first.pending)
      for (const [key, share] of [
        ['A', 25],
        ['B', 25],
        ['holdout', 10],
        ['winner', 40],
      ] as const)
        expect(Math.abs(group(key).recipients / 300 - share / 100)).toBeLessThan(0.1)
      expect(mailsOf(campaign).every((mail) => /^Variante [AB]: Person\d+$/.test(mail.subject ?? ''))).toBe(true)
      expect(subjectsOf(campaign, 'B').every((mail) => mail.text?.includes('Wir helfen gern'))).toBe(true)
      // Before the first check the report says when it comes.
      expect(wordsOf(first, german, 'de')[0]).toMatch(
        /^Erste Prüfung: .+\. Letzte Prüfung: .+; ohne Gewinner geht dann die Kontrollvariante A an die übrigen\.$/,
      )

      // B gets 20 unique clickers, A 2: about 27 % against 3 % of some 75 each, far beyond chance.
      await click(campaign, audience, 'A', 2)
      await click(campaign, audience, 'B', 20)
      const waiting = await travel(campaign, 4)
      expect(await runCampaignJobs(payload, campaign.id)).toMatchObject({ abWinner: 'B', status: 'done' })

      const final = await campaignReport(payload, String(campaign.id))
      expect(final.variants.find((variant) => variant.variant === 'winner')!.sent).toBe(waiting)
      expect(subjectsOf(campaign, 'B')).toHaveLength(group('B').sent + waiting)
      expect(subjectsOf(campaign, 'A')).toHaveLength(group('A').sent)
      const decided = {
        checks: 1,
        outcome: 'winner',
        plannedChecks: 4,
        reason: 'significant',
        sent: 'B',
        significant: true,
      }
      expect(final.abTest).toMatchObject(decided)
      expect(final.abTest!.confidence).toBeGreaterThan(0.95)
      // The same over GraphQL, as Payload's route runs it.
      const graphql = await execute({
        contextValue: { headers: {}, req: editor },
        document: parse(
          `query { campaignReport(id: "${campaign.id}") { abTest { sent outcome significant reason checks plannedChecks } } }`,
        ),
        schema: configToSchema(payload.config).schema,
      })
      expect(graphql.data).toEqual({ campaignReport: { abTest: decided } })
      expect(wordsOf(final, german, 'de')).toEqual([
        expect.stringMatching(
          /^Variante B gewinnt \((über )?\d+,\d\s%\sKonfidenz nach Klickrate, verlangt sind 95 %\) und ging an die übrigen Empfänger\.$/,
        ),
      ])
      expectOneMailEach(campaign, final)
    })

    it('keeps the rest waiting while the variants do equally well, and at the maximum sends the control and says so', async () => {
      const { audience, campaign, report: first } = await sendVariants(`ab-${kind}-equal-`)
      const group = (key: string) => first.variants.find((variant) => variant.variant === key)!
      const variantMails = mailsOf(campaign).length
      await click(campaign, audience, 'A', 10)
      await click(campaign, audience, 'B', 10)

      // The first check (4 hours): no significant difference, so nobody of the rest gets mail yet.
      const waiting = await travel(campaign, 4)
      expect(waiting).toBeGreaterThan(0)
      await runWhileDue(campaign)
      expect(mailsOf(campaign)).toHaveLength(variantMails)
      const running = await load(campaign)
      expect(running.status).toBe('sending')
      expect(running.abWinner).toBeFalsy()
      const times = abCheckTimes(running.abTest!, new Date(running.startedAt!))
      expect(times).toHaveLength(4)
      // Checked once, then paused: its timing stays (more checks planned now would let the error pass 5 %).
      await campaignAction(editor, String(campaign.id), 'pause')
      const lengthened = await payload
        .update({
          collection: 'campaigns',
          data: { abTest: { maxTestHours: 200 } } as never,
          id: campaign.id,
          req: editor,
        })
        .catch((error: unknown) => error as { data?: unknown; name?: string })
      expect(lengthened).toMatchObject({ name: 'ValidationError' })
      expect(JSON.stringify((lengthened as { data?: unknown }).data)).toMatch(/wurde schon geprüft/)
      expect((await load(campaign)).abTest?.maxTestHours).toBe(running.abTest?.maxTestHours)
      await campaignAction(editor, String(campaign.id), 'resume')
      const rest = await payload.find({
        collection: 'campaign-sends',
        depth: 0,
        limit: 0,
        pagination: false,
        where: { campaign: { equals: campaign.id }, variant: { equals: 'winner' } },
      })
      // They wait for the second check, all of them, none lost or skipped.
      expect(rest.docs.map((doc) => [doc.state, new Date(doc.nextAttemptAt!).toISOString()])).toEqual(
        rest.docs.map(() => ['pending', times[1].toISOString()]),
      )
      const midway = await campaignReport(payload, String(campaign.id))
      expect(midway.abTest).toMatchObject({
        checks: 1,
        nextCheckAt: times[1].toISOString(),
        reason: 'not_significant',
        sent: null,
        significant: false,
      })
      const format = reportFormat('de')
      expect(wordsOf(midway, german, 'de')[0]).toBe(
        `Noch kein signifikanter Gewinner nach 1 von 4 Prüfungen. Nächste Prüfung: ${format.dateTime(times[1])}. Letzte Prüfung: ${format.dateTime(times[3])}; ohne Gewinner geht dann die Kontrollvariante A an die übrigen.`,
      )
      // The sidebar's wait stays true: not "until 4 hours" any more, but the next and the last check.
      expect(winnerWaitWords(abPlanOf(running.abTest)!, times, running.abDecision!.checks!, german, 'de-DE')).toMatch(
        /^Noch kein signifikanter A\/B-Gewinner\. Nächste Prüfung: .+ Letzte Prüfung: .+; ohne Gewinner geht dann die Kontrollvariante A an die übrigen\.$/,
      )
      // A worker that read the campaign before the check does not check again for the same time.
      expect(await winnerOf(payload, { ...running, abDecision: null })).toEqual({ waitUntil: times[1] })
      expect((await load(campaign)).abDecision?.checkedAt).toBe(running.abDecision?.checkedAt)

      // The maximum (72 hours): still no winner. Two workers at once decide the same, once.
      const stillWaiting = await travel(campaign, 72)
      expect(stillWaiting).toBe(waiting)
      const before = await load(campaign)
      expect(await Promise.all([winnerOf(payload, before), winnerOf(payload, before)])).toEqual([
        { winner: 'A' },
        { winner: 'A' },
      ])
      expect(await runCampaignJobs(payload, campaign.id)).toMatchObject({ abWinner: 'A', status: 'done' })

      // The rest got the control, A.
      expect(mailsOf(campaign)).toHaveLength(variantMails + waiting)
      expect(subjectsOf(campaign, 'A')).toHaveLength(group('A').sent + waiting)
      expect(subjectsOf(campaign, 'B')).toHaveLength(group('B').sent)
      const final = await campaignReport(payload, String(campaign.id))
      expect(final.abTest).toMatchObject({
        checks: 4,
        control: 'A',
        outcome: 'control',
        reason: 'not_significant',
        sent: 'A',
        significant: false,
      })
      expect(final.abTest!.pValue).toBeGreaterThan(0.05)
      const [headline, lastCheck] = wordsOf(final, german, 'de')
      expect(headline).toBe('Kein signifikanter Gewinner – gesendet wurde Variante A (Kontrolle).')
      expect(lastCheck).toMatch(
        /^Letzte Prüfung: Variante [AB] lag vorn, mit \d+,\d\s%\sKonfidenz nach Klickrate \(verlangt sind 95 %\)\.$/,
      )
      expect(wordsOf(final, english, 'en')[0]).toBe('No significant winner – variant A (control) was sent.')
      expectOneMailEach(campaign, final)
    })
  },
)
