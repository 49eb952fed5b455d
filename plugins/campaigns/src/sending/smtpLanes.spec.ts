import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SmtpSink, startSmtpSink } from '../../../../tests/helpers/smtp'
import { dotStuffed, SmtpLanes } from './smtpLanes'

const message = (n: number) => ({
  envelope: { from: 'news@example.com', to: [`leser${n}@example.com`] },
  raw: Buffer.from(
    `From: news@example.com\r\nTo: leser${n}@example.com\r\nSubject: Ausgabe ${n}\r\nMessage-ID: <m${n}@example.com>\r\n\r\nHallo ${n}\r\n.Punkt am Zeilenanfang\r\n`,
  ),
})

describe('dotStuffed', () => {
  it('doubles a dot that starts a line, and leaves a message without one as it is', () => {
    expect(dotStuffed(Buffer.from('.a\r\nb.c\r\n.\r\n..d\r\n')).toString()).toBe('..a\r\nb.c\r\n..\r\n...d\r\n')
    const plain = Buffer.from('a\r\nb.c\r\n')
    expect(dotStuffed(plain)).toBe(plain)
  })
})

describe('SmtpLanes', () => {
  let sink: SmtpSink
  let lanes: SmtpLanes
  beforeAll(async () => {
    sink = await startSmtpSink()
    lanes = new SmtpLanes({ host: '127.0.0.1', port: sink.port, secure: false }, 1)
  })
  afterAll(async () => {
    lanes.close()
    await sink.close()
  })

  it('writes the final dot inside release, in the commit’s own tick, and only once', async () => {
    const writtenDuringRelease: string[] = []
    const deliver = (n: number) =>
      lanes.deliver(message(n), async (release) => {
        const write = net.Socket.prototype.write
        net.Socket.prototype.write = function (this: net.Socket, chunk: unknown, ...rest: unknown[]) {
          writtenDuringRelease.push(String(chunk))
          return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest)
        } as typeof write
        try {
          release()
        } finally {
          net.Socket.prototype.write = write
        }
        return true
      })
    // Two messages over the one connection: a second, stray dot would break the next transaction.
    expect((await deliver(1)).kind).toBe('accepted')
    expect((await deliver(2)).kind).toBe('accepted')
    expect(writtenDuringRelease).toEqual(['.\r\n', '.\r\n'])
    expect(sink.messages.map((mail) => [mail.subject, mail.text])).toEqual([
      ['Ausgabe 1', 'Hallo 1\n.Punkt am Zeilenanfang\n'],
      ['Ausgabe 2', 'Hallo 2\n.Punkt am Zeilenanfang\n'],
    ])
  })

  it('sends nothing the server would keep when the commit does not take the message', async () => {
    const before = sink.deliveries.length
    const outcome = await lanes.deliver(message(3), async () => false)
    expect(outcome.kind).toBe('not_committed')
    expect((await lanes.deliver(message(4), async (release) => (release(), true))).kind).toBe('accepted')
    expect(sink.deliveries.slice(before).map((delivery) => delivery.recipients)).toEqual([['leser4@example.com']])
  })
})
