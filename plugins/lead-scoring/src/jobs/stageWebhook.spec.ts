import type { Payload } from 'payload'

import http from 'node:http'
import { createLocalReq } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { personalizationOptions } from '@kontorwerk/personalization'

import { testedDatabases } from '../../../../tests/helpers/databases'
import { fieldErrors } from '../../../../tests/helpers/errors'
import { type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { leadScoringOptions } from '../utilities/options'
import { stageWebhookTask } from './stageWebhook'

/**
 * The stage webhook must not become a way into the server's own network: whoever sets its URL
 * (an admin account, or an attacker holding one) could otherwise make the server POST to internal
 * services or read cloud metadata. Refused when saved, and again when delivering, because the
 * host may resolve elsewhere by then; the option allowPrivateWebhooks is the operator's way out.
 */
describe.each(testedDatabases())('stage webhook targets on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  let receiver: { close: () => void; port: number; received: string[] }

  /** The host's options, as `personalization({ allowPrivateWebhooks })` and `leadScoring({ stageWebhook })` set them. */
  const allowPrivateWebhooks = (allowed: boolean) => {
    personalizationOptions(payload).allowPrivateWebhooks = allowed
  }
  const configureStageWebhook = (url: null | string) => {
    leadScoringOptions(payload).stageWebhook = url ? { secret: null, url } : null
  }
  const storedUrl = async () => (await payload.findGlobal({ slug: 'lead-scoring-settings' })).stageWebhookUrl ?? null
  const save = (stageWebhookUrl: null | string) =>
    payload.updateGlobal({ data: { stageWebhookUrl }, slug: 'lead-scoring-settings' })
  const deliver = async () => {
    const { handler } = stageWebhookTask
    if (typeof handler !== 'function')
      throw new Error('the stage webhook task should run in-process, not from a file path')
    return handler({
      input: {
        at: '2026-06-01T00:00:00.000Z',
        eventId: `stage:1:mql:${Date.now()}`,
        from: '1',
        reason: 'test',
        rule: '1',
        subscriber: '1',
        to: '2',
      },
      req: await createLocalReq({}, payload),
    } as never)
  }

  beforeAll(async () => {
    local = await startLocalPayload(kind)
    payload = local.payload
    receiver = await listen()
  })
  afterEach(async () => {
    allowPrivateWebhooks(true)
    await save(null)
    allowPrivateWebhooks(false)
    configureStageWebhook(null)
  })
  afterAll(async () => {
    receiver?.close()
    await local?.close()
  })

  it.each([
    ['loopback', 'http://127.0.0.1:8080/crm'],
    ['loopback written as a number', 'http://2130706433/crm'],
    ['a name for loopback', 'http://localhost/crm'],
    ['IPv6 loopback', 'http://[::1]/crm'],
    ['IPv4-mapped IPv6', 'http://[::ffff:10.0.0.1]/crm'],
    ['the unspecified address', 'http://0.0.0.0:8080/crm'],
    ['the unspecified IPv6 address', 'http://[::]/crm'],
    ['cloud metadata (link-local)', 'http://169.254.169.254/latest/meta-data/'],
    ['a private network', 'https://192.168.1.20/crm'],
    ['carrier-grade NAT', 'https://100.64.0.1/crm'],
    ['IPv6 unique local', 'https://[fd12:3456::1]/crm'],
    ['IPv6 link-local', 'https://[fe80::1]/crm'],
  ])('refuses %s when saved, naming the address, and stores nothing', async (_, url) => {
    const errors = await fieldErrors(save(url))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/^stageWebhookUrl: .* führt zu .*, einer internen Adresse/)
    expect(await storedUrl()).toBeNull()
  })

  it('accepts a public address, and private ones when the host allows private webhooks', async () => {
    await save('https://93.184.215.14/crm')
    expect(await storedUrl()).toBe('https://93.184.215.14/crm')
    allowPrivateWebhooks(true)
    await save('http://127.0.0.1:8080/crm')
    expect(await storedUrl()).toBe('http://127.0.0.1:8080/crm')
  })

  it('refuses to deliver to an internal address however it got there (saved while allowed, or by the host option), and sends nothing', async () => {
    allowPrivateWebhooks(true)
    await save(`http://127.0.0.1:${receiver.port}/saved-while-allowed`)
    allowPrivateWebhooks(false)
    await expect(deliver()).rejects.toThrow(/127\.0\.0\.1 leads to 127\.0\.0\.1, an internal address/)

    // The option's URL is never saved: the only check is at delivery, where "localhost" is resolved as the connection opens.
    await save(null)
    configureStageWebhook(`http://localhost:${receiver.port}/by-option`)
    await expect(deliver()).rejects.toThrow(/localhost leads to (127\.0\.0\.1|::1), an internal address/)
    configureStageWebhook(`http://[::ffff:127.0.0.1]:${receiver.port}/mapped`)
    await expect(deliver()).rejects.toThrow(/::ffff:7f00:1 leads to 127\.0\.0\.1, an internal address/)
    expect(receiver.received).toEqual([])

    configureStageWebhook(`http://localhost:${receiver.port}/allowed`)
    allowPrivateWebhooks(true)
    await expect(deliver()).resolves.toEqual({ output: { delivered: true } })
    expect(receiver.received).toEqual(['/allowed'])
  })

  it('does not follow a redirect (it could lead inside where no lookup sees it)', async () => {
    allowPrivateWebhooks(true)
    configureStageWebhook(`http://127.0.0.1:${receiver.port}/redirect`)
    receiver.received.length = 0
    await expect(deliver()).rejects.toThrow('Stage webhook answered 307')
    expect(receiver.received).toEqual(['/redirect'])
  })
})

/** A CRM stand-in on 127.0.0.1 that notes the paths it was sent to; /redirect points elsewhere on itself. */
async function listen() {
  const received: string[] = []
  const server = http.createServer((req, res) => {
    req.resume().on('end', () => {
      received.push(req.url ?? '')
      if (req.url === '/redirect') res.writeHead(307, { location: '/redirected' }).end()
      else res.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { close: () => server.close(), port: (server.address() as { port: number }).port, received }
}
