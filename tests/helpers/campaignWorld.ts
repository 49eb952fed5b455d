import type { Payload, PayloadRequest } from 'payload'

import { staffRequest } from '@kontorwerk/campaigns/testing'

import { type DatabaseKind } from './databases'
import { type LocalPayload } from './localPayload'
import { startDemoPayload } from './referenceApp'
import { type SmtpSink, startSmtpSink } from './smtp'

export type CampaignWorld = {
  close: () => Promise<void>
  editor: PayloadRequest
  local: LocalPayload
  payload: Payload
  sink: SmtpSink
}

/** What campaign tests start from: a real SMTP server the product sends to, the demo data on a fresh database, and an editor to act as. */
export async function startCampaignWorld(
  kind: DatabaseKind = 'sqlite',
  options: { pushSchema?: boolean } = {},
): Promise<CampaignWorld> {
  const sink = await startSmtpSink()
  process.env.SMTP_HOST = '127.0.0.1'
  process.env.SMTP_PORT = String(sink.port)
  const local = await startDemoPayload(kind, options)
  const editor = await staffRequest(local.payload)
  return {
    close: async () => {
      await local.close()
      await sink.close()
    },
    editor,
    local,
    payload: local.payload,
    sink,
  }
}
