import type { Payload, PayloadRequest } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { idFromKey, recordEvents, writeAtomically } from '@kontorwerk/personalization'

import type { SmtpSink } from '../../../../tests/helpers/smtp'
import type { Automation } from '../documents'

import { createAudience } from '../../../../tests/helpers/audience'
import { automationKit } from '../../../../tests/helpers/automationKit'
import { type CampaignWorld, startCampaignWorld } from '../../../../tests/helpers/campaignWorld'
import { testedDatabases } from '../../../../tests/helpers/databases'
import { CAMPAIGN_QUEUE } from '../defaults'
import { campaignReport } from '../reporting/campaignReport'
import { runCampaignJobs, scheduleCampaign } from '../testing/runCampaign'
import { advanceAutomations } from './advance'
import { enroll } from './enroll'
import { holdoutGroupOf } from './holdout'
import { enrollSegmentMembers } from './triggers'

const DAY = 86_400_000

describe.each(testedDatabases().filter((kind) => kind !== 'mongodb'))(
  'the holdout of an automation on %s (Local API, real SMTP server)',
  (kind) => {
    let world: CampaignWorld
    let payload: Payload
    let sink: SmtpSink
    let editor: PayloadRequest
    let kit: ReturnType<typeof automationKit>
    let newsletters: Awaited<ReturnType<ReturnType<typeof automationKit>['newsletters']>>
    const stepCampaignOf = async (automation: number | string) =>
      String(
        (await payload.find({ collection: 'campaigns', depth: 0, where: { automation: { equals: automation } } }))
          .docs[0].id,
      )

    beforeAll(async () => {
      world = await startCampaignWorld(kind)
      ;({ editor, payload, sink } = world)
      // No quiet hours: the spec runs at any time of day.
      await payload.updateGlobal({
        data: { quietHours: { from: '00:00', until: '00:00' } } as never,
        slug: 'contact-budget' as never,
      })
      kit = automationKit(payload, sink)
      newsletters = await kit.newsletters(['kontrolle-serie', 'kontrolle-newsletter'])
    }, 600_000)
    afterAll(() => world?.close())

    it('sends nothing to the holdout, not even against its contact budget, and keeps each group once drawn', async () => {
      const audience = await createAudience(payload, { count: 40, prefix: `kg-${kind}-` })
      const automation = (await kit.automation({
        holdoutPercent: 25,
        segment: idFromKey(payload, audience.segment),
        steps: [{ newsletter: newsletters['kontrolle-serie'].id, type: 'send' }],
        trigger: 'segment_entry',
      })) as Automation
      const now = new Date()
      await enrollSegmentMembers(payload, now)
      await advanceAutomations(payload, now)
      for (let round = 0; round < 20; round++) await payload.jobs.run({ limit: 10, queue: CAMPAIGN_QUEUE })

      const runs = await kit.runsOf(automation.id)
      expect(runs).toHaveLength(40)
      const groupOf = new Map(runs.map((run) => [String(run.subscriber), run.holdoutGroup]))
      // Stored as drawn: the hash of automation and subscriber against 25 %.
      for (const subscriber of audience.ids)
        expect(groupOf.get(subscriber)).toBe(holdoutGroupOf(automation, subscriber))
      const held = audience.ids.filter((id) => groupOf.get(id) === 'holdout')
      const treated = audience.ids.filter((id) => groupOf.get(id) === 'treated')
      expect(held.length).toBeGreaterThan(0)
      expect(held.length + treated.length).toBe(40)
      const emailOf = (id: string) => audience.emails[audience.ids.indexOf(id)]
      // At the SMTP server: one mail for each treated subscriber, none for the holdout.
      for (const id of treated)
        expect(kit.subjects(emailOf(id))).toEqual([`kontrolle-serie: Person${audience.ids.indexOf(id)}`])
      for (const id of held) expect(kit.subjects(emailOf(id))).toEqual([])
      // The holdout walked the steps to the end all the same, and has no send record at all.
      expect(runs.every((run) => run.state === 'done')).toBe(true)
      const records = await payload.find({
        collection: 'campaign-sends',
        depth: 0,
        limit: 0,
        pagination: false,
        where: { subscriber: { in: audience.ids.map((id) => idFromKey(payload, id)) } },
      })
      expect(records.docs.map((doc) => String(doc.subscriber)).sort()).toEqual([...treated].sort())

      // Nothing was held against the holdout's budget (1 mail a day): today's newsletter reaches them, not the treated.
      const newsletter = await scheduleCampaign(payload, editor, {
        audience: audience.segment,
        name: `Newsletter nach der Automation ${kind}`,
        newsletter: newsletters['kontrolle-newsletter'].id,
      })
      await runCampaignJobs(payload, newsletter.id)
      for (const id of held)
        expect(kit.subjects(emailOf(id))).toEqual([`kontrolle-newsletter: Person${audience.ids.indexOf(id)}`])
      for (const id of treated) expect(kit.subjects(emailOf(id))).toHaveLength(1)
      const skipped = await payload.find({
        collection: 'campaign-sends',
        depth: 0,
        limit: 0,
        pagination: false,
        where: { campaign: { equals: newsletter.id }, state: { equals: 'skipped' } },
      })
      expect(skipped.docs.map((doc) => doc.reason)).toEqual(treated.map(() => 'budget'))

      // Enrolled again, everyone lands in the same group; a changed share applies to new enrolments only.
      await enroll(payload, automation, audience.ids, 'again', { now })
      const again = (await kit.runsOf(automation.id)).slice(40)
      const groups = (list: typeof runs) =>
        Object.fromEntries(list.map((entry) => [String(entry.subscriber), entry.holdoutGroup]))
      expect(groups(again)).toEqual(groups(runs))
      const share = async (holdoutPercent: number) =>
        (await payload.update({
          collection: 'automations',
          data: { active: false, holdoutPercent } as never,
          id: automation.id,
        })) as unknown as Automation
      const end = (list: typeof runs) =>
        writeAtomically(payload, {
          updates: list.map((run) => ({
            collection: 'automation-runs',
            data: { runKey: `ended-${run.id}`, state: 'done' },
            id: String(run.id),
          })),
        })
      // Raised to 50 %, nobody enrolled before changes group: someone already mailed never joins the holdout.
      const raised = await share(50)
      await end(again)
      await enroll(payload, raised, audience.ids, 'raised', { now })
      const afterRaise = (await kit.runsOf(automation.id)).slice(80)
      expect(afterRaise).toHaveLength(40)
      expect(groups(afterRaise)).toEqual(groups(runs))
      const changed = await share(0)
      await end(afterRaise)
      await enroll(payload, changed, audience.ids.slice(0, 3), 'without holdout', { now })
      const all = await kit.runsOf(automation.id)
      expect(all.slice(120).map((run) => run.holdoutGroup ?? null)).toEqual([null, null, null])
      expect(groups(all.slice(0, 40))).toEqual(groups(runs))
    })

    it('refuses a holdout below 0 % or above 50 % with a field error, and stores nothing', async () => {
      const automations = async () => (await payload.count({ collection: 'automations' })).totalDocs
      const before = await automations()
      for (const holdoutPercent of [60, -5]) {
        const refused = await payload
          .create({
            collection: 'automations',
            data: {
              holdoutPercent,
              name: `Zu viel Kontrolle ${kind}`,
              steps: [{ newsletter: newsletters['kontrolle-serie'].id, type: 'send' }],
              trigger: 'first_purchase',
            } as never,
            req: editor,
          })
          .catch((error: unknown) => error as { data?: unknown; name?: string })
        expect(refused).toMatchObject({
          data: { errors: [{ message: 'Bitte 0 bis 50 % angeben.', path: 'holdoutPercent' }] },
          name: 'ValidationError',
        })
      }
      expect(await automations()).toBe(before)
    })

    it('reports revenue per enrolled subscriber of both groups and the difference with a 95 % interval, currencies apart', async () => {
      const { ids } = await createAudience(payload, { count: 72, prefix: `kg-umsatz-${kind}-` })
      const treated = ids.slice(0, 40)
      const held = ids.slice(40, 70)
      const [before, other] = ids.slice(70)
      const automation = await kit.automation({
        active: false,
        holdoutPercent: 40,
        steps: [{ newsletter: newsletters['kontrolle-serie'].id, type: 'send' }],
        trigger: 'first_purchase',
      })
      const step = await stepCampaignOf(automation.id)
      // Written as enrolled ten days ago, with the groups set here rather than drawn, so the numbers are known.
      const run = (subscriber: string, holdoutGroup: 'holdout' | 'treated' | null, key: string) => ({
        automation: idFromKey(payload, String(automation.id)),
        holdoutGroup,
        nextAt: new Date(),
        runKey: `${automation.id}:${key}`,
        state: 'done',
        step: 1,
        subscriber: idFromKey(payload, subscriber),
      })
      await writeAtomically(payload, {
        inserts: [
          {
            collection: 'automation-runs',
            docs: [
              ...treated.map((id) => run(id, 'treated', id)),
              ...held.map((id) => run(id, 'holdout', id)),
              // Enrolled while the automation had no holdout: no part of the comparison.
              run(before, null, before),
              // treated[0] entered a second time, two days after the first.
              run(treated[0], 'treated', `${treated[0]}-2`),
            ],
          },
        ],
      })
      const runs = await kit.runsOf(automation.id)
      const daysAgo = (days: number) => new Date(Date.now() - days * DAY)
      await writeAtomically(payload, {
        updates: runs.map((entry) => ({
          collection: 'automation-runs',
          data: { createdAt: daysAgo(entry.runKey.endsWith('-2') ? 8 : 10) },
          id: String(entry.id),
        })),
      })
      let n = 0
      const purchase = (subscriber: string, days: number, amount: number | undefined, currency = 'EUR') => ({
        id: `kg-kauf-${kind}-${++n}`,
        occurredAt: daysAgo(days).toISOString(),
        properties: { amount, currency, product: 'KONTOR-PLUS' },
        subscriber,
        type: 'purchase',
      })
      const result = await recordEvents(
        payload,
        [
          // 16 of the 40 treated buy for 50 € within 7 days after enrolment; treated[0]'s purchase lies
          // in the windows of both its runs (−10 and −8 days) and counts once.
          ...treated.slice(0, 16).map((id) => purchase(id, 5, 50)),
          // 3 of the 30 in the holdout buy for 50 €, one of them for 30 CHF as well.
          ...held.slice(0, 3).map((id) => purchase(id, 5, 50)),
          purchase(held[5], 4, 30, 'CHF'),
          // Not counted: a day before enrolment, 8 days after it, without an amount, and someone without a group.
          // Nor treated[0]'s purchase 8 days after its first enrolment, though within 7 days of its second:
          // each person has one window, from their first enrolment (the treated re-enter more often).
          purchase(treated[0], 2, 999),
          purchase(treated[20], 11, 70),
          purchase(treated[21], 2, 70),
          purchase(treated[22], 5, undefined),
          purchase(before, 5, 500),
          purchase(other, 5, 500),
        ],
        { source: 'api' },
      )
      expect(result.rejected).toBe(0)

      // Lists leave it out; the detail of a step campaign asks for it.
      expect((await campaignReport(payload, step)).automationHoldout).toBeNull()
      const report = await campaignReport(payload, step, undefined, { revenueAnalysis: true })
      // EUR: means 800/40 = 20 and 150/30 = 5. Variances (16·2500 − 800²/40)/39 = 615.385 and
      // (3·2500 − 150²/30)/29 = 232.759; standard error √(615.385/40 + 232.759/30) = 4.8107, so
      // 15 ± 1.96 · 4.8107 = 5.57 … 24.43 per person, times 40 treated: 600 (222.84 … 977.16).
      // CHF: means 0 and 30/30 = 1; variance (900 − 900/30)/29 = 30, error √(30/30) = 1, so
      // −1 ± 1.96 = −2.96 … 0.96, times 40: −40 (−118.40 … 38.40), not significant.
      expect(report.automationHoldout).toEqual({
        automation: String(automation.id),
        holdout: 30,
        holdoutPercent: 40,
        name: expect.any(String),
        revenue: [
          {
            currency: 'CHF',
            high: 0.96,
            holdout: 30,
            holdoutMean: 1,
            low: -2.96,
            perRecipient: -1,
            recipients: 40,
            recipientsMean: 0,
            significant: false,
            total: -40,
            totalHigh: 38.4,
            totalLow: -118.4,
          },
          {
            currency: 'EUR',
            high: 24.43,
            holdout: 30,
            holdoutMean: 5,
            low: 5.57,
            perRecipient: 15,
            recipients: 40,
            recipientsMean: 20,
            significant: true,
            total: 600,
            totalHigh: 977.16,
            totalLow: 222.84,
          },
        ],
        treated: 40,
        windowDays: 7,
      })

      // Without a holdout there is nothing to compare: no numbers, not zeros.
      const plain = await kit.automation({
        active: false,
        steps: [{ newsletter: newsletters['kontrolle-serie'].id, type: 'send' }],
        trigger: 'first_purchase',
      })
      const none = await campaignReport(payload, await stepCampaignOf(plain.id), undefined, { revenueAnalysis: true })
      expect(none.automationHoldout).toMatchObject({ holdout: 0, holdoutPercent: 0, revenue: null, treated: 0 })
    })
  },
)
