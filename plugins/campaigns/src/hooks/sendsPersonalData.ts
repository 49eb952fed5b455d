import type { BulkWrite, PersonalDataContributor } from '@kontorwerk/personalization'

import { AUTOMATION_RUNS, CAMPAIGN_SENDS } from '../defaults'

const ERASED = { messageId: null, subscriber: null }

/**
 * Who got which campaign, and who went through which automation. The export lists both by name;
 * erasure keeps the campaigns' counts (a send record stays, anonymised: no subscriber, no key or
 * Message-ID that names them; one still waiting is cancelled) and removes the automation runs.
 */
export const sendsPersonalData: PersonalDataContributor = {
  erase: ({ subscriber }): BulkWrite => ({
    anonymise: [
      {
        collection: CAMPAIGN_SENDS,
        renameUnique: { field: 'sendKey', prefix: 'erased:' },
        set: { ...ERASED, claim: null, leaseUntil: null, reason: 'erased', state: 'cancelled' },
        where: { state: 'pending', subscriber: subscriber.id },
      },
      {
        collection: CAMPAIGN_SENDS,
        renameUnique: { field: 'sendKey', prefix: 'erased:' },
        set: ERASED,
        where: { subscriber: subscriber.id },
      },
    ],
    deletes: [{ collection: AUTOMATION_RUNS, field: 'subscriber', value: subscriber.id }],
  }),
  export: async ({ payload, req, subscriber }) => {
    const [sends, runs] = await Promise.all([
      payload.find({
        collection: CAMPAIGN_SENDS as 'campaign-sends',
        depth: 1,
        pagination: false,
        req,
        sort: 'createdAt',
        where: { subscriber: { equals: subscriber.id } },
      }),
      payload.find({
        collection: AUTOMATION_RUNS as 'automation-runs',
        depth: 1,
        pagination: false,
        req,
        sort: 'createdAt',
        where: { subscriber: { equals: subscriber.id } },
      }),
    ])
    const nameOf = (value: unknown) =>
      value && typeof value === 'object' ? ((value as { name?: string }).name ?? null) : null
    return {
      automationRuns: runs.docs.map((run) => ({
        automation: nameOf(run.automation),
        enteredAt: run.createdAt,
        exitReason: run.exitReason ?? null,
        state: run.state,
      })),
      sends: sends.docs.map((send) => ({
        campaign: nameOf(send.campaign),
        outcome: send.state,
        reason: send.reason ?? null,
        sentAt: send.sentAt ?? null,
        variant: send.variant ?? null,
      })),
    }
  },
  key: 'campaigns',
  label: { de: 'Erhaltene Kampagnen und Automationen', en: 'Campaigns and automations you received' },
}
