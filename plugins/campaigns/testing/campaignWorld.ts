import type { Payload } from 'payload'

import { seedDemoData } from '../../../src/seed'
import { type LocalPayload, startLocalPayload } from '../../../tests/helpers/localPayload'
import { type SmtpSink, startSmtpSink } from '../../../tests/helpers/smtp'

export type CampaignWorld = { close: () => Promise<void>; local: LocalPayload; payload: Payload; sink: SmtpSink }

/** What campaign tests start from: a real SMTP server the product sends to, and the demo data on a fresh SQLite database. */
export async function startCampaignWorld(): Promise<CampaignWorld> {
  const sink = await startSmtpSink()
  process.env.SMTP_HOST = '127.0.0.1'
  process.env.SMTP_PORT = String(sink.port)
  const local = await startLocalPayload('sqlite')
  await seedDemoData(local.payload)
  return {
    close: async () => {
      await local.close()
      await sink.close()
    },
    local,
    payload: local.payload,
    sink,
  }
}
