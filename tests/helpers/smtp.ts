import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

import { freePort } from './server'

/** What the server took for one message: its envelope recipients and Message-ID, and when. */
export type Delivery = { at: number; messageId: string; recipients: string[] }

export type SmtpSink = {
  close: () => Promise<void>
  /** Every message received, in order (always kept, parsed or not). */
  deliveries: Delivery[]
  /** Messages whose connection closed after DATA but before their final dot (the server discarded them). */
  interrupted: Delivery[]
  /** Every message received, parsed (empty with `parse: false`). */
  messages: ParsedMail[]
  port: number
  waitFor: (predicate: (mail: ParsedMail) => boolean, timeoutMs?: number) => Promise<ParsedMail>
}

const headerMessageId = (raw: Buffer) => {
  const end = raw.indexOf('\r\n\r\n')
  return (
    /^message-id:\s*(<[^>\r\n]+>)/im.exec(raw.subarray(0, end < 0 ? raw.length : end).toString('latin1'))?.[1] ?? ''
  )
}

/**
 * A real SMTP server on loopback that keeps every message it receives. `parse: false` only records
 * deliveries: a load test then measures the sender, not this process parsing MIME beside it.
 */
export async function startSmtpSink({
  onMessage,
  parse = true,
}: { onMessage?: (mail: ParsedMail) => void; parse?: boolean } = {}): Promise<SmtpSink> {
  const messages: ParsedMail[] = []
  const deliveries: Delivery[] = []
  const interrupted: Delivery[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      const delivery = (raw: Buffer): Delivery => ({
        at: Date.now(),
        messageId: headerMessageId(raw),
        recipients: session.envelope.rcptTo.map((recipient) => recipient.address),
      })
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('error', (error) => {
        interrupted.push(delivery(Buffer.concat(chunks)))
        callback(error)
      })
      stream.on('end', () => {
        const raw = Buffer.concat(chunks)
        deliveries.push(delivery(raw))
        if (!parse) return callback()
        simpleParser(raw).then((mail) => {
          messages.push(mail)
          onMessage?.(mail)
          callback()
        }, callback)
      })
    },
  })
  // A client that dies mid-message resets its connection: an MTA logs that and carries on, so does this one.
  server.on('error', () => undefined)
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    close: () => new Promise((resolve) => server.close(() => resolve())),
    deliveries,
    interrupted,
    messages,
    port,
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs
      while (Date.now() < deadline) {
        const found = messages.find(predicate)
        if (found) return found
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      throw new Error(`no matching mail within ${timeoutMs} ms (received ${messages.length})`)
    },
  }
}

/** A sink the app's SMTP adapter sends to: start it before the Payload that should mail into it. */
export async function startSmtpSinkForApp(): Promise<SmtpSink> {
  const smtp = await startSmtpSink()
  process.env.SMTP_HOST = '127.0.0.1'
  process.env.SMTP_PORT = String(smtp.port)
  return smtp
}
