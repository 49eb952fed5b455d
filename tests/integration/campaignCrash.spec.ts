import type { Payload } from 'payload'

import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { scheduleCampaign, staffRequest } from '@kontorwerk/campaigns/testing'
import { withdrawAll } from '@kontorwerk/consent'

import { seedDemoData } from '../../src/seed'
import { createAudience } from '../helpers/audience'
import { type LocalPayload, startLocalPayload } from '../helpers/localPayload'
import { expectExactlyOnce, waitFor, waitForCampaign } from '../helpers/sendCrash'
import { type SmtpSink, startSmtpSink } from '../helpers/smtp'
import { startWorker, type Worker } from '../helpers/worker'

const kinds = inject('servers').map((server) => server.kind)
const RECIPIENTS = 2000
const KILLS = 3
const UNSUBSCRIBERS = 20

/**
 * Issue #7's crash test: a 2,000-recipient campaign, its worker process killed (SIGKILL) at random
 * moments three times and restarted; the SMTP server must receive every recipient exactly once,
 * and nobody who unsubscribed during the send gets anything afterwards.
 */
describe.each(kinds)('a campaign send whose worker is killed three times on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  let sink: SmtpSink
  let worker: Worker | undefined

  beforeAll(async () => {
    // Deliveries only, unparsed: this process shares the two cores with the worker it watches.
    sink = await startSmtpSink({ parse: false })
    // The reference app passes SMTP_HOST/SMTP_PORT to campaigns({ smtp }) when its config is built.
    process.env.SMTP_HOST = '127.0.0.1'
    process.env.SMTP_PORT = String(sink.port)
    local = await startLocalPayload(kind)
    payload = local.payload
    await seedDemoData(payload)
  })
  afterAll(async () => {
    await worker?.kill()
    await local?.close()
    await sink?.close()
  })

  it("delivers to every recipient at most once, misses none outside a commit's dot gap, and honours unsubscribes given mid-send", async () => {
    const audience = await createAudience(payload, { count: RECIPIENTS, prefix: `crash-${kind}-` })
    const newsletter = (await payload.find({ collection: 'newsletters', where: { slug: { equals: 'wochen-update' } } }))
      .docs[0].id
    const campaign = await scheduleCampaign(payload, await staffRequest(payload), {
      audience: audience.segment,
      newsletter,
    })
    const env = {
      CAMPAIGN_LEASE_SECONDS: '2',
      DATABASE_URI: local.databaseUri,
      DATA_DIR: process.env.DATA_DIR!,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.port),
    }
    const logFile = path.join(local.dir, 'worker.log')

    // Kill points: after a random number of delivered mails in each third of the send, plus a random delay.
    const thresholds = Array.from({ length: KILLS }, (_, index) =>
      Math.floor(((index + 0.2 + Math.random() * 0.6) * RECIPIENTS) / (KILLS + 0.5)),
    )
    // Unsubscribers come from the end of the list, which goes out last (id order).
    const unsubscribers = audience.ids.slice(-UNSUBSCRIBERS)
    const unsubscribedAt = new Map<string, number>()
    const killedAt: number[] = []
    worker = startWorker(env, logFile)
    for (const [index, threshold] of thresholds.entries()) {
      await waitFor(
        () => sink.deliveries.length >= threshold,
        120_000,
        `${threshold} mails before kill ${index + 1} (got ${sink.deliveries.length})`,
      )
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 40))
      if (index === 1) {
        for (const subscriber of unsubscribers) {
          await withdrawAll(payload, subscriber, { ip: null, source: 'one_click', userAgent: null })
          unsubscribedAt.set(audience.emails[audience.ids.indexOf(subscriber)], Date.now())
        }
      }
      killedAt.push(Date.now())
      await worker.kill()
      worker = startWorker(env, logFile)
    }
    const done = await waitForCampaign(payload, campaign.id)
    expect(done.status).toBe('done')
    await new Promise((resolve) => setTimeout(resolve, 500))

    const { lost, mine, skipped } = await expectExactlyOnce({
      audience,
      campaign: campaign.id,
      kind,
      killedAt,
      payload,
      sink,
      unsubscribedAt,
    })
    expect(unsubscribers.length).toBe(UNSUBSCRIBERS)
    expect(skipped).toBeGreaterThan(0)
    console.info(
      `${kind}: killed after ${thresholds.join(', ')} mails; ${mine.length} delivered once each, ${skipped} unsubscribed mid-send skipped, ${lost.length} lost`,
    )
  })
})
