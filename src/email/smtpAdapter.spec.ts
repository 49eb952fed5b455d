import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SmtpSink, startSmtpSink } from '../../tests/helpers/smtp'
import { smtpAdapter } from './smtpAdapter'

describe("Payload's SMTP adapter and the headers it writes (real SMTP server)", () => {
  let sink: SmtpSink
  let send: (message: Record<string, unknown>) => Promise<unknown>

  beforeAll(async () => {
    sink = await startSmtpSink()
    const adapter = smtpAdapter({ NODE_ENV: 'test', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(sink.port) })!({
      payload: {} as never,
    })
    send = (message) => adapter.sendEmail({ text: 'Hallo', ...message })
  })
  afterAll(() => sink?.close())

  const deliveredTo = (address: string) =>
    sink.deliveries.filter((delivery) => delivery.recipients.includes(address)).map((delivery) => delivery.recipients)

  it('puts subject, display names and custom headers on one line, without control characters', async () => {
    await send({
      headers: { 'X-Kampagne': 'Herbst\r\nBcc: evil@example.net' },
      subject: 'Hallo Anna\r\nBcc: evil@example.net\u0007\u2028Ende',
      to: { address: 'anna@example.com', name: 'Anna\r\nBcc: evil@example.net' },
    })
    expect(deliveredTo('anna@example.com')).toEqual([['anna@example.com']])
    const mail = await sink.waitFor((message) =>
      message.headerLines.some((line) => line.line.includes('anna@example.com')),
    )
    expect(mail.subject).toBe('Hallo Anna Bcc: evil@example.net Ende')
    expect(mail.headers.get('x-kampagne')).toBe('Herbst Bcc: evil@example.net')
    expect(mail.to && 'value' in mail.to ? mail.to.value : []).toEqual([
      { address: 'anna@example.com', name: 'Anna Bcc: evil@example.net' },
    ])
    expect(mail.headers.has('bcc')).toBe(false)
  })

  it('refuses an address with a line break, which nodemailer would read as a different recipient', async () => {
    const before = sink.deliveries.length
    await expect(
      send({ subject: 'Bitte bestätigen Sie Ihre Anmeldung', to: 'anna@example.com\r\nBcc: evil@example.net' }),
    ).rejects.toThrow(/"to" address contains a line break/)
    await expect(
      send({ cc: ['ok@example.com', 'x@example.com\nBcc: evil@example.net'], subject: 'x', to: 'anna@example.com' }),
    ).rejects.toThrow(/"cc" address/)
    expect(sink.deliveries.length).toBe(before)
    expect(deliveredTo('evil@example.net')).toEqual([])
  })
})
