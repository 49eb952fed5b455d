import { type Duplex, Readable } from 'node:stream'
import SMTPConnection from 'nodemailer/lib/smtp-connection'

import type { SmtpSettings } from '../types'
import type { OutgoingMessage } from './composeMessage'

/** The SMTP server cannot be reached at all (refused, timed out, TLS or login failed). */
export class SmtpUnavailableError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SmtpUnavailableError'
  }
}

export type DeliveryOutcome =
  /** 250 after the message: delivered to the server. */
  | { kind: 'accepted'; response: string }
  /** The commit did not take the recipient (another worker holds it now): nothing was delivered. */
  | { kind: 'not_committed' }
  /** Refused or lost before the final dot: nothing was delivered. `committed`: the record says sent all the same and must be taken back. */
  | { command: string; committed: boolean; kind: 'refused'; permanent: boolean; response: string }
  /** Refused or lost after the commit: the server answered the final dot with an error, or not at all. */
  | { kind: 'uncertain'; permanent: boolean; response: string; rejected: boolean }

const CONNECT_ATTEMPTS = 3

type Lane = { busy: boolean; connection: null | SMTPConnection }

const isPermanent = (error: SMTPConnection.SMTPError) => (error.responseCode ?? 0) >= 500

/** Resolves once the socket has handed everything written to it to the kernel, or has failed (send reports that). */
async function drained(connection: SMTPConnection): Promise<void> {
  const socket = connection._socket || null
  while (socket && socket.writableLength > 0 && !socket.destroyed) await new Promise((resolve) => setImmediate(resolve))
}

type Internals = { _currentDataStream?: Duplex | false }

const CRLF = Buffer.from('\r\n')

/** RFC 5321 §4.5.2: a line that starts with a dot gets a second one. */
export function dotStuffed(raw: Buffer): Buffer {
  if (raw[0] !== 0x2e && raw.indexOf('\n.') < 0) return raw
  return Buffer.from(raw.toString('latin1').replace(/(^|\n)\./g, '$1..'), 'latin1')
}

/**
 * Writes the message to the socket up to its final dot and returns what writes the dot, taking
 * the DATA phase out of nodemailer's hands: its data stream writes the dot only after the body
 * stream ends, several ticks later, and whatever ran in between (another batch's rendering)
 * stretched the gap after the commit to milliseconds, long enough for a kill to land in it. (It
 * also escaped dots byte by byte, ~9 % of a send's CPU.) Its data stream is detached unended, so
 * it writes nothing; its response handler still takes the server's answer to our dot.
 */
function writeUpToFinalDot(connection: SMTPConnection, body: Readable, raw: Buffer): () => void {
  const internals = connection as unknown as Internals
  const socket = connection._socket || null
  const dataStream = internals._currentDataStream
  if (dataStream) {
    body.unpipe(dataStream)
    if (socket) dataStream.unpipe(socket)
    internals._currentDataStream = false
  }
  socket?.write(dotStuffed(raw))
  // The terminator is CRLF . CRLF; a message that ends in CRLF supplies the first one.
  const finalDot = Buffer.from(raw.subarray(-2).equals(CRLF) ? '.\r\n' : '\r\n.\r\n')
  return () => socket?.write(finalDot)
}

/**
 * A fixed number of reusable SMTP connections (nodemailer's SMTPConnection), each sending one
 * message at a time. What makes a send exactly-once: the message is streamed up to, but not
 * including, the final dot; then `commit` marks it sent in the database, and only then the dot
 * goes out. A crash before the commit leaves an unfinished message, which an SMTP server discards
 * (RFC 5321 §4.1.1.4), and a recipient still pending; a crash after it leaves a sent record.
 */
export class SmtpLanes {
  private readonly lanes: Lane[]
  private readonly waiting: ((lane: Lane) => void)[] = []

  constructor(
    private readonly settings: SmtpSettings,
    size: number,
  ) {
    this.lanes = Array.from({ length: size }, () => ({ busy: false, connection: null }))
  }

  /** `commit(release)` marks the message sent and calls `release` (which sends the final dot) right after sealing the mark. */
  async deliver(message: OutgoingMessage, commit: (release: () => void) => Promise<boolean>): Promise<DeliveryOutcome> {
    const lane = await this.acquire()
    try {
      const connection = lane.connection ?? (lane.connection = await this.connectPatiently())
      return await this.send(lane, connection, message, commit)
    } finally {
      this.release(lane)
    }
  }

  close(): void {
    for (const lane of this.lanes) {
      lane.connection?.quit()
      lane.connection = null
    }
  }

  private send(
    lane: Lane,
    connection: SMTPConnection,
    message: OutgoingMessage,
    commit: (release: () => void) => Promise<boolean>,
  ): Promise<DeliveryOutcome> {
    let phase: 'committed' | 'committing' | 'envelope' | 'failed' = 'envelope'
    let committing: Promise<boolean> = Promise.resolve(false)
    const body = new Readable({
      // Read only once the server has said 354 (nodemailer pipes the message after DATA is accepted).
      read() {
        if (phase !== 'envelope') return
        phase = 'committing'
        const writeFinalDot = writeUpToFinalDot(connection, this, message.raw)
        // Commit only once every byte before the dot has reached the kernel: a message still queued
        // in this process (socket back-pressure) would keep its dot waiting behind it after the commit.
        committing = drained(connection).then(() =>
          commit(() => {
            phase = 'committed'
            writeFinalDot()
          }),
        )
        committing.then(
          (committed) => {
            if (committed) return
            phase = 'failed'
            this.destroy(new Error('not committed'))
          },
          (error: unknown) => {
            // A mark that failed after its release (the COMMIT itself failed) leaves the message out: reported as uncertain below.
            if (phase === 'committed') return
            phase = 'failed'
            this.destroy(error instanceof Error ? error : new Error(String(error)))
          },
        )
      },
    })
    return new Promise((resolve) => {
      connection.send(message.envelope, body, (error, info) => {
        if (!error) return resolve({ kind: 'accepted', response: String(info.response ?? '') })
        // Whatever went wrong, this connection may hold half a message: never reuse it.
        this.drop(lane)
        if (phase === 'failed') return resolve({ kind: 'not_committed' })
        const response = String(error.response ?? error.message)
        if (phase === 'committed')
          return resolve({
            kind: 'uncertain',
            permanent: isPermanent(error),
            rejected: error.responseCode != null,
            response,
          })
        // Lost while the commit ran: the dot never went out, whatever the commit answers.
        void committing
          .catch(() => false)
          .then((committed) =>
            resolve({
              command: String(error.command ?? ''),
              committed,
              kind: 'refused',
              permanent: isPermanent(error),
              response,
            }),
          )
      })
    })
  }

  /** A server that is briefly away (restart, network blip) gets three tries over a few seconds before the campaign pauses. */
  private async connectPatiently(): Promise<SMTPConnection> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.connect()
      } catch (error) {
        if (attempt >= CONNECT_ATTEMPTS) throw error
        await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt))
      }
    }
  }

  private connect(): Promise<SMTPConnection> {
    const { host, pass, port, secure, user } = this.settings
    const connection = new SMTPConnection({
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      host,
      port,
      secure,
      socketTimeout: 60_000,
    })
    // Later connection errors (server gone) reach send's callback; this keeps them from crashing the process.
    connection.on('error', () => undefined)
    return new Promise((resolve, reject) => {
      let settled = false
      const done = (error?: Error) => {
        if (settled) return
        settled = true
        if (!error) return resolve(connection)
        connection.close()
        reject(new SmtpUnavailableError(`SMTP server ${host}:${port} not reachable: ${error.message}`))
      }
      // nodemailer reports a failed connect only as an event, never to connect's callback.
      connection.once('error', done)
      connection.once('end', () => done(new Error('connection closed')))
      connection.connect((error) => {
        if (error || !user) return done(error)
        connection.login({ pass: pass ?? '', user }, (loginError) =>
          done(loginError ? new Error(`login failed: ${loginError.message}`) : undefined),
        )
      })
    })
  }

  private drop(lane: Lane) {
    lane.connection?.close()
    lane.connection = null
  }

  private acquire(): Promise<Lane> {
    const free = this.lanes.find((lane) => !lane.busy)
    if (free) {
      free.busy = true
      return Promise.resolve(free)
    }
    return new Promise((resolve) => this.waiting.push(resolve))
  }

  private release(lane: Lane) {
    const next = this.waiting.shift()
    if (next) next(lane)
    else lane.busy = false
  }
}
