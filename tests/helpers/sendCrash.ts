import type { Payload } from 'payload'

import { expect } from 'vitest'

import { CAMPAIGN_SENDS } from '@kontorwerk/campaigns'

import type { Delivery, SmtpSink } from './smtp'

/** A campaign sent by worker processes that were killed along the way, and what happened around it. */
export type CrashedSend = {
  audience: { emails: string[]; ids: string[] }
  campaign: number | string
  kind: string
  /** When each kill happened (ms). */
  killedAt: number[]
  payload: Payload
  sink: SmtpSink
  /** Who unsubscribed during the send, and when (ms), by email. */
  unsubscribedAt: Map<string, number>
}

/**
 * The crash tests' verdict on a finished campaign (docs/plugins/campaigns.md#exactly-once): no
 * recipient got a mail twice, the unsubscribers got nothing after their unsubscribe (and their
 * records say so), and every other recipient got their mail except where a kill fell between a
 * commit and its dots. Returns what the server received of this campaign and who was lost.
 */
export async function expectExactlyOnce(
  run: CrashedSend,
): Promise<{ lost: string[]; mine: Delivery[]; skipped: number }> {
  const { audience, campaign, kind, payload, sink, unsubscribedAt } = run
  const mine = sink.deliveries.filter((delivery) => delivery.messageId.startsWith(`<campaign-${campaign}.`))
  const perRecipient = new Map<string, number>()
  for (const { recipients } of mine)
    for (const email of recipients) perRecipient.set(email, (perRecipient.get(email) ?? 0) + 1)
  const expected = audience.emails.filter((email) => !unsubscribedAt.has(email) || perRecipient.has(email))
  expect([...perRecipient.values()].filter((count) => count > 1)).toEqual([])
  const lost = expected.filter((email) => !perRecipient.has(email))
  await expectOnlyCommitWindowLosses(run, lost)
  // Unsubscribed before their turn: nothing at all, and their records say why.
  for (const delivery of mine)
    for (const email of delivery.recipients)
      if (unsubscribedAt.has(email)) expect(delivery.at).toBeLessThan(unsubscribedAt.get(email)!)
  const skipped = (
    await payload.count({
      collection: CAMPAIGN_SENDS as 'campaign-sends',
      where: { campaign: { equals: campaign }, reason: { equals: 'withdrawn' }, state: { equals: 'skipped' } },
    })
  ).totalDocs
  expect(
    skipped + mine.filter((delivery) => delivery.recipients.some((email) => unsubscribedAt.has(email))).length,
  ).toBe(unsubscribedAt.size)
  expect(mine).toHaveLength(audience.emails.length - skipped - lost.length)
  if (lost.length) console.warn(`${kind}: ${lost.length} mails lost to a kill between COMMIT and final dot`)
  return { lost, mine, skipped }
}

/**
 * The one loss SMTP leaves possible (docs/plugins/campaigns.md#exactly-once): a kill between a commit
 * group's COMMIT and its last final dot, one socket write per message. Such recipients' records
 * say sent, the server saw their messages cut off before the dot, and since a worker runs one
 * piece of JavaScript at a time, a kill lands in the window of one commit at most.
 */
async function expectOnlyCommitWindowLosses(
  { audience, campaign, killedAt, payload, sink }: CrashedSend,
  missing: string[],
) {
  if (missing.length === 0) return
  const subscribers = missing.map((email) => audience.ids[audience.emails.indexOf(email)])
  const { docs } = await payload.find({
    collection: CAMPAIGN_SENDS as 'campaign-sends',
    depth: 0,
    limit: 0,
    pagination: false,
    where: { campaign: { equals: campaign }, subscriber: { in: subscribers } },
  })
  expect(docs.map((record) => record.state)).toEqual(missing.map(() => 'sent'))
  const cutOff = new Set(sink.interrupted.flatMap((delivery) => delivery.recipients))
  expect(missing.filter((email) => !cutOff.has(email))).toEqual([])
  const commits = [...new Set(docs.map((record) => Date.parse(String(record.sentAt))))]
  // Each commit just before a kill, and no kill with two.
  const killOf = (sentAt: number) => killedAt.findIndex((at) => sentAt <= at && at - sentAt < 2_000)
  expect(commits.map(killOf).filter((kill) => kill < 0)).toEqual([])
  expect(new Set(commits.map(killOf)).size).toBe(commits.length)
}

export async function waitFor(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** The workers finish the campaign; the test process only watches (it runs no jobs itself). */
export async function waitForCampaign(payload: Payload, id: number | string, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const campaign = await payload.findByID({ id, collection: 'campaigns', depth: 0 })
    if (campaign.status !== 'sending' && campaign.status !== 'scheduled') return campaign
    if (Date.now() > deadline) throw new Error(`Campaign still ${campaign.status}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}
