import type { Payload } from 'payload'

import { writeAtomically } from '@kontorwerk/personalization'

import type { SmtpSink } from './smtp'

const DAY = 24 * 3600 * 1000

/** What automation specs do again and again: the mails someone got, an automation, its runs, the clock of sent mails. */
export function automationKit(payload: Payload, sink: SmtpSink) {
  return {
    /** Active, without a cool-down: specs about triggers and steps (timing: sendTiming.spec.ts). */
    automation: async (data: Record<string, unknown>) =>
      (await payload.create({
        collection: 'automations',
        data: { active: true, cooldownMinutes: 0, name: `Automation ${Math.random()}`, ...data } as never,
      })) as { id: number | string },
    /**
     * The worker's clock is simulated, the sender's is real: moves every mail sent so far `days`
     * into the past, so the contact budget sees the days in between pass.
     */
    ageSends: async (days: number) => {
      const { docs } = await payload.find({
        collection: 'campaign-sends',
        depth: 0,
        limit: 0,
        pagination: false,
        where: { state: { equals: 'sent' } },
      })
      await writeAtomically(payload, {
        updates: docs.map((doc) => ({
          collection: 'campaign-sends',
          data: { sentAt: new Date(new Date(doc.sentAt!).getTime() - days * DAY) },
          id: String(doc.id),
        })),
      })
    },
    /** Copies of the demo's weekly newsletter, one per name, with the subject "<name>: <first name>". */
    newsletters: async (names: string[], slugSuffix = '') => {
      const base = (
        await payload.find({ collection: 'newsletters', depth: 0, where: { slug: { equals: 'wochen-update' } } })
      ).docs[0]
      const created: Record<string, { id: number | string }> = {}
      for (const name of names) {
        const { id: _id, slots, ...rest } = base
        created[name] = (await payload.create({
          collection: 'newsletters',
          data: {
            ...rest,
            name,
            slots: slots.map(({ id: _slot, ...slot }) => slot),
            slug: `${name}${slugSuffix}`,
            subject: `${name}: {{ subscriber.first_name }}`,
          } as never,
        })) as { id: number | string }
      }
      return created
    },
    runsOf: async (automationId: number | string) =>
      (
        await payload.find({
          collection: 'automation-runs',
          depth: 0,
          limit: 0,
          pagination: false,
          sort: 'id',
          where: { automation: { equals: automationId } },
        })
      ).docs,
    /** The subjects of the mails the SMTP server received for this address, oldest first. */
    subjects: (email: string) =>
      sink.messages
        .filter((mail) => (mail.to && 'text' in mail.to ? mail.to.text : '') === email)
        .map((mail) => mail.subject),
  }
}
