import type { Payload } from 'payload'

import { fork } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import nodemailer from 'nodemailer'

import { CAMPAIGN_SENDS, campaignsOptions, composeMessage } from '@kontorwerk/campaigns'
import { runCampaignJobs, scheduleCampaign, staffRequest } from '@kontorwerk/campaigns/testing'
import { recipientRenderer } from '@kontorwerk/personalization'

import type { DatabaseKind } from '../tests/helpers/databases'

import { seedDemoData } from '../src/seed'
import { createAudience } from '../tests/helpers/audience'
import { startLocalPayload } from '../tests/helpers/localPayload'
import { peakMemory, printTable } from './table'

const RECIPIENTS = Number(process.env.SEND_BENCH_RECIPIENTS ?? 10_000)
const here = path.dirname(fileURLToPath(import.meta.url))

export type Sink = { count: () => Promise<number>; peakRss: () => Promise<number>; port: number; stop: () => void }

/** The receiving SMTP server in a child process (bench/smtpSink.ts), and the product's mail pointed at it. */
export async function startSink(): Promise<Sink> {
  const child = fork(path.join(here, 'smtpSink.ts'), { execArgv: ['--import', 'tsx'], stdio: 'inherit' })
  const port = await new Promise<number>((resolve) =>
    child.once('message', (message) => resolve((message as { port: number }).port)),
  )
  const ask = <T>(question: string, answer: (message: Record<string, number>) => T) =>
    new Promise<T>((resolve) => {
      child.once('message', (message) => resolve(answer(message as Record<string, number>)))
      child.send(question)
    })
  process.env.SMTP_HOST = '127.0.0.1'
  process.env.SMTP_PORT = String(port)
  return {
    count: () => ask('count', (message) => message.received),
    peakRss: () => ask('memory', (message) => Math.round(message.maxRss / 1024)),
    port,
    stop: () => child.kill(),
  }
}

async function waitForCount(sink: Sink, expected: number) {
  for (let tries = 0; tries < 200; tries++) {
    if ((await sink.count()) >= expected) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`The sink has ${await sink.count()} of ${expected} messages`)
}

/** A bench's campaign counts only if it ended `done` with every record sent and every mail at the sink. */
export async function expectEverySent(
  payload: Payload,
  sink: Sink,
  {
    before,
    done,
    expected,
    label,
  }: { before: number; done: { id: number | string; status: string }; expected: number; label: string },
) {
  const sent = (
    await payload.count({
      collection: CAMPAIGN_SENDS as 'campaign-sends',
      where: { campaign: { equals: done.id }, state: { equals: 'sent' } },
    })
  ).totalDocs
  await waitForCount(sink, before + expected)
  if (done.status !== 'done' || sent !== expected)
    throw new Error(`${label}: campaign ${done.status}, ${sent} of ${expected} sent`)
}

/**
 * The SMTP ceiling: one finished newsletter sent RECIPIENTS times through nodemailer's pooled
 * transport (same number of connections), no database, no rendering. What sending could reach if
 * everything else were free.
 */
async function smtpCeiling(payload: Payload, sink: Sink, connections: number): Promise<number> {
  const newsletter = (
    await payload.find({ collection: 'newsletters', depth: 0, where: { slug: { equals: 'wochen-update' } } })
  ).docs[0]
  const subscriber = (await payload.find({ collection: 'subscribers', depth: 0, limit: 1 })).docs[0]
  const rendered = await (
    await recipientRenderer(payload, newsletter, new Date())
  ).render({ behaviour: undefined, recentBlocks: [], segments: new Set(), subscriber })
  const { raw } = await composeMessage(
    payload,
    rendered,
    { email: subscriber.email, id: String(subscriber.id), linkKey: subscriber.linkKey, trackable: true },
    { campaign: 'bench', messageId: '<bench@example.com>', variant: null },
  )
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    maxConnections: connections,
    maxMessages: Infinity,
    pool: true,
    port: sink.port,
    secure: false,
  })
  const before = await sink.count()
  const started = performance.now()
  await Promise.all(
    Array.from({ length: RECIPIENTS }, (_, index) =>
      transport.sendMail({ envelope: { from: 'newsletter@example.com', to: [`c${index}@empfang.example`] }, raw }),
    ),
  )
  const elapsed = performance.now() - started
  transport.close()
  await waitForCount(sink, before + RECIPIENTS)
  return RECIPIENTS / (elapsed / 1000)
}

/**
 * Issue #7's send bench: RECIPIENTS subscribers with consent, a campaign of the demo newsletter,
 * sent by the real pipeline (claims, the gate at send time, per-recipient ranking and Liquid, MIME,
 * tracking links, send records, events) into a real SMTP server in another process, on SQLite and
 * PostgreSQL. Target: at least 1,000 messages/s; baseline: the SMTP ceiling in the same run.
 */
export async function campaignSendBench() {
  const kinds: DatabaseKind[] = process.env.TEST_POSTGRES_URI ? ['sqlite', 'postgres'] : ['sqlite']
  if (!process.env.TEST_POSTGRES_URI)
    console.log(
      'PostgreSQL skipped: TEST_POSTGRES_URI is not set (TEST_POSTGRES_URI=$(bash scripts/postgres.sh) npm run bench -- send)',
    )
  const rows: Record<string, number | string>[] = []
  const sink = await startSink()
  try {
    for (const kind of kinds) {
      const local = await startLocalPayload(kind)
      const { payload } = local
      try {
        await seedDemoData(payload)
        const audience = await createAudience(payload, {
          count: RECIPIENTS,
          prefix: `bench-${kind}-`,
          trackingEvery: 2,
        })
        const newsletter = (
          await payload.find({ collection: 'newsletters', where: { slug: { equals: 'wochen-update' } } })
        ).docs[0].id
        const connections = campaignsOptions(payload).smtpConnections
        const ceiling = await smtpCeiling(payload, sink, connections)
        const before = await sink.count()
        const memory = peakMemory()
        const started = performance.now()
        const campaign = await scheduleCampaign(payload, await staffRequest(payload), {
          audience: audience.segment,
          newsletter,
        })
        const done = await runCampaignJobs(payload, campaign.id, 600_000)
        const elapsed = performance.now() - started
        const peak = memory()
        await expectEverySent(payload, sink, { before, done, expected: RECIPIENTS, label: kind })
        const rate = RECIPIENTS / (elapsed / 1000)
        rows.push({
          database: kind,
          recipients: RECIPIENTS.toLocaleString('en'),
          'pipeline (msg/s)': Math.round(rate),
          'SMTP ceiling (msg/s)': Math.round(ceiling),
          'pipeline / ceiling': `${Math.round((rate / ceiling) * 100)} %`,
          'end to end': `${(elapsed / 1000).toFixed(1)} s`,
          'peak RSS (MB)': peak,
          'target ≥ 1,000 msg/s': rate >= 1000 ? 'met' : 'missed',
        })
      } finally {
        await local.close()
      }
    }
  } finally {
    sink.stop()
  }
  printTable(
    `Campaign send: ${RECIPIENTS.toLocaleString('en')} recipients end to end (schedule → done), SMTP sink in its own process`,
    rows,
  )
}
