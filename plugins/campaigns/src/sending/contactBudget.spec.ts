import type { Payload } from 'payload'

import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { idFromKey, relationKey, writeAtomically } from '@kontorwerk/personalization'

import type { SmtpSink } from '../../../../tests/helpers/smtp'
import type { Automation, Campaign } from '../documents'

import { createAudience } from '../../../../tests/helpers/audience'
import { type CampaignWorld, startCampaignWorld } from '../../../../tests/helpers/campaignWorld'
import { testedDatabases } from '../../../../tests/helpers/databases'
import { advanceAutomations } from '../automation/advance'
import { enroll } from '../automation/enroll'
import { setCampaignStatus } from '../utilities/campaignStatus'
import { campaignsOptions } from '../utilities/options'
import { campaignMessageId } from './prepareCampaign'
import { PRIORITIES, type Priority } from './priority'
import { sendSlice } from './sendSlice'

const DAY = 24 * 3600 * 1000
const FREQUENCY_DAYS = { monthly: 30, weekly: 7 } as const
type Frequency = 'important_only' | 'monthly' | 'weekly'
const rank = (priority: null | string | undefined) => PRIORITIES.indexOf((priority ?? 'normal') as Priority)

/** One random situation: the system's limits, people with their frequency and past mail, and what is planned for them. */
const situation = fc.record({
  budget: fc
    .record({ perDay: fc.integer({ max: 2, min: 1 }), extraWeek: fc.integer({ max: 2, min: 0 }) })
    .map(({ extraWeek, perDay }) => ({ perDay, perWeek: perDay + extraWeek })),
  campaigns: fc.array(fc.record({ important: fc.boolean(), priority: fc.constantFrom(...PRIORITIES) }), {
    maxLength: 3,
    minLength: 1,
  }),
  people: fc.array(
    fc.record({
      frequency: fc.constantFrom<Frequency>('weekly', 'monthly', 'important_only', 'important_only'),
      // Mails they got before, hours ago (up to 8 days).
      history: fc.array(fc.integer({ max: 8 * 24, min: 1 }), { maxLength: 3 }),
      // Which of the campaigns and automations (by index) plan a mail for them.
      planned: fc.array(fc.integer({ max: 4, min: 0 }), { maxLength: 5 }),
    }),
    { maxLength: 3, minLength: 1 },
  ),
})

describe.each(testedDatabases().filter((kind) => kind !== 'mongodb'))(
  'one contact budget for campaigns and automations on %s (real pipeline, real SMTP server)',
  (kind) => {
    let world: CampaignWorld
    let payload: Payload
    let sink: SmtpSink
    let newsletter: number | string
    let history: Campaign
    const automations: Automation[] = []
    let run = 0

    /** A campaign that is sending now (as after its start), with the records its start would write. */
    const sendingCampaign = async (data: Partial<Campaign>, recipients: string[]) => {
      const campaign = (await payload.create({
        collection: 'campaigns',
        data: { channel: 'email', name: `Budget ${run} ${Math.random()}`, newsletter, ...data } as never,
      })) as Campaign
      await setCampaignStatus(payload, campaign.id, { startedAt: new Date(), status: 'sending' })
      await writeRecords(
        String(campaign.id),
        recipients.map((subscriber) => ({ subscriber })),
      )
      return campaign
    }
    const writeRecords = (campaign: string, rows: { sentAt?: Date; subscriber: string }[]) =>
      writeAtomically(payload, {
        inserts: [
          {
            collection: 'campaign-sends',
            docs: rows.map(({ sentAt, subscriber }, index) => ({
              attempts: 0,
              campaign: idFromKey(payload, campaign),
              eventRecorded: true,
              messageId: campaignMessageId(payload, campaign, `${subscriber}-${index}`),
              sendKey: `${campaign}:${subscriber}:${index}:${Math.random()}`,
              state: sentAt ? 'sent' : 'pending',
              ...(sentAt && { sentAt }),
              subscriber: idFromKey(payload, subscriber),
            })),
          },
        ],
      })
    const recordsOf = async (subscribers: string[]) =>
      (
        await payload.find({
          collection: 'campaign-sends',
          depth: 1,
          limit: 0,
          pagination: false,
          where: { subscriber: { in: subscribers.map((id) => idFromKey(payload, id)) } },
        })
      ).docs as unknown as {
        campaign: Campaign
        reason?: null | string
        sentAt?: null | string
        state: string
        subscriber: { id: number | string } | number | string
      }[]
    /** Every campaign's send jobs at the same moment, again while anything is left (a record the commit handed back). */
    const sendAllAtOnce = async (campaigns: string[]) => {
      const options = campaignsOptions(payload)
      for (let round = 0; round < 4; round++)
        await Promise.all(campaigns.map((id) => sendSlice(payload, id, options, { sliceMs: 10_000 })))
    }

    beforeAll(async () => {
      world = await startCampaignWorld(kind)
      ;({ payload, sink } = world)
      newsletter = (await payload.find({ collection: 'newsletters', where: { slug: { equals: 'wochen-update' } } }))
        .docs[0].id
      history = (await payload.create({
        collection: 'campaigns',
        data: { channel: 'email', name: 'Früher versandt', newsletter } as never,
      })) as Campaign
      // Automations as the product makes them: their send steps are campaigns of their own (high unless set lower).
      for (const priority of [undefined, 'low'] as const)
        automations.push(
          (await payload.create({
            collection: 'automations',
            data: {
              active: true,
              name: `Serie ${priority ?? 'Standard'}`,
              steps: [{ newsletter, type: 'send' }],
              trigger: 'double_opt_in',
              ...(priority && { priority }),
            } as never,
          })) as Automation,
        )
    }, 180_000)
    afterAll(() => world?.close())

    it('gives automation step campaigns a high priority unless the automation says otherwise', async () => {
      const steps = await payload.find({
        collection: 'campaigns',
        depth: 0,
        where: { automation: { in: automations.map((automation) => automation.id) } },
      })
      expect((steps.docs as Campaign[]).map((doc) => [doc.automation, doc.priority]).sort()).toEqual(
        [
          [automations[0].id, 'high'],
          [automations[1].id, 'low'],
        ].sort(),
      )
    })

    it('lets only one of three equal campaigns sent at the same moment through per person and day', async () => {
      run++
      await payload.updateGlobal({
        data: { email: { perDay: 1, perWeek: 3 } } as never,
        slug: 'contact-budget' as never,
      })
      const audience = await createAudience(payload, { count: 4, prefix: `same-${kind}-` })
      await writeAtomically(payload, {
        updates: audience.ids.map((id) => ({
          collection: 'subscribers',
          data: { preferences: { frequency: 'important_only' } },
          id,
        })),
      })
      const made: Campaign[] = []
      for (let index = 0; index < 3; index++) made.push(await sendingCampaign({ important: true }, audience.ids))
      await sendAllAtOnce(made.map((campaign) => String(campaign.id)))
      for (const campaign of made) await setCampaignStatus(payload, campaign.id, { status: 'done' })
      const records = await recordsOf(audience.ids)
      for (const [index, subscriber] of audience.ids.entries()) {
        const mine = records.filter((record) => relationKey(record.subscriber) === subscriber)
        expect(mine.map((record) => record.state).sort()).toEqual(['sent', 'skipped', 'skipped'])
        expect(mine.filter((record) => record.state === 'skipped').map((record) => record.reason)).toEqual([
          'budget',
          'budget',
        ])
        const delivered = sink.messages.filter(
          (mail) => (mail.to && 'text' in mail.to ? mail.to.text : '') === audience.emails[index],
        )
        expect(delivered).toHaveLength(1)
      }
    }, 120_000)

    it('never sends more than the limits per person and window, and the more important message wins', async () => {
      await fc.assert(
        fc.asyncProperty(situation, async ({ budget, campaigns, people }) => {
          run++
          await payload.updateGlobal({ data: { email: budget } as never, slug: 'contact-budget' as never })
          const audience = await createAudience(payload, { count: people.length, prefix: `b${kind}${run}-` })
          const now = Date.now()
          await writeAtomically(payload, {
            updates: people.map((person, index) => ({
              collection: 'subscribers',
              data: { preferences: { frequency: person.frequency } },
              id: audience.ids[index],
            })),
          })
          await writeRecords(
            String(history.id),
            people.flatMap((person, index) =>
              person.history.map((hours) => ({
                sentAt: new Date(now - hours * 3600_000),
                subscriber: audience.ids[index],
              })),
            ),
          )
          // Indexes 0–2: campaigns; 3 and 4: the two automations (enrolled, then advanced as the worker does).
          const plannedFor = (slot: number) => audience.ids.filter((_, index) => people[index].planned.includes(slot))
          const made: Campaign[] = []
          for (const [slot, data] of campaigns.entries()) made.push(await sendingCampaign(data, plannedFor(slot)))
          for (const [offset, automation] of automations.entries())
            await enroll(payload, automation, plannedFor(3 + offset), 'property test')
          await advanceAutomations(payload)
          const steps = await payload.find({
            collection: 'campaigns',
            depth: 0,
            where: { automation: { in: automations.map((automation) => automation.id) } },
          })
          await sendAllAtOnce([...made, ...steps.docs].map((campaign) => String(campaign.id)))
          for (const campaign of made) await setCampaignStatus(payload, campaign.id, { status: 'done' })

          const records = await recordsOf(audience.ids)
          expect(records.filter((record) => record.state === 'pending')).toEqual([])
          for (const [index, subscriber] of audience.ids.entries()) {
            const mine = records.filter((record) => relationKey(record.subscriber) === subscriber)
            const sentTimes = mine
              .filter((record) => record.state === 'sent')
              .map((record) => Date.parse(record.sentAt!))
            const fresh = mine.filter((record) => String(record.campaign.id) !== String(history.id))
            const within = (at: number, days: number) =>
              sentTimes.filter((time) => time > at - days * DAY && time <= at).length
            for (const record of fresh.filter((entry) => entry.state === 'sent')) {
              const at = Date.parse(record.sentAt!)
              expect(within(at, 1)).toBeLessThanOrEqual(budget.perDay)
              expect(within(at, 7)).toBeLessThanOrEqual(budget.perWeek)
              const frequency = people[index].frequency
              if (frequency !== 'important_only') expect(within(at, FREQUENCY_DAYS[frequency])).toBeLessThanOrEqual(1)
            }
            // Whatever the budget turned away is never more important than what it let through.
            const sentRanks = fresh.filter((record) => record.state === 'sent').map((r) => rank(r.campaign.priority))
            const refusedRanks = fresh
              .filter((record) => record.state === 'skipped' && record.reason === 'budget')
              .map((record) => rank(record.campaign.priority))
            if (sentRanks.length && refusedRanks.length)
              expect(Math.min(...sentRanks)).toBeGreaterThanOrEqual(Math.max(...refusedRanks))
          }
          // What reached the SMTP server is exactly what the records say was sent.
          for (const [index, subscriber] of audience.ids.entries()) {
            const delivered = sink.messages.filter(
              (mail) => (mail.to && 'text' in mail.to ? mail.to.text : '') === audience.emails[index],
            )
            const sent = records.filter(
              (record) =>
                relationKey(record.subscriber) === subscriber &&
                record.state === 'sent' &&
                String(record.campaign.id) !== String(history.id),
            )
            expect(delivered).toHaveLength(sent.length)
          }
        }),
        { numRuns: Number(process.env.PROPERTY_RUNS ?? (kind === 'sqlite' ? 15 : 10)) },
      )
    }, 600_000)
  },
)
