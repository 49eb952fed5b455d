import type { Payload } from 'payload'

import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { testedDatabases } from '../../../../tests/helpers/databases'
import { fieldErrors } from '../../../../tests/helpers/errors'
import { createStaff, type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { AUDIT_LOG } from '../audit/auditEntry'
import { personalizationOptions } from '../extensions'
import { validWebhookSignature, webhookSignature } from './signature'

describe('webhook signatures', () => {
  it('are HMAC-SHA256 over "<timestamp>.<body>", as docs/api.md tells receivers to check them', () => {
    const body = '{"id":"bounce:1","type":"bounced"}'
    const expected = createHmac('sha256', 'whsec_test').update(`1796572800.${body}`).digest('hex')
    expect(webhookSignature('whsec_test', '1796572800', body)).toBe(`sha256=${expected}`)
    expect(validWebhookSignature('whsec_test', '1796572800', body, `sha256=${expected}`)).toBe(true)
    // Another timestamp, body or secret: not valid (a captured request cannot be re-dated).
    expect(validWebhookSignature('whsec_test', '1796572801', body, `sha256=${expected}`)).toBe(false)
    expect(validWebhookSignature('whsec_test', '1796572800', `${body} `, `sha256=${expected}`)).toBe(false)
    expect(validWebhookSignature('whsec_other', '1796572800', body, `sha256=${expected}`)).toBe(false)
  })
})

/** A webhook's URL passes the same guard as every outgoing request: no way into the server's own network. */
describe.each(testedDatabases())('webhook URLs on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  const save = (url: string) =>
    payload.create({ collection: 'webhooks' as never, data: { events: ['bounced'], name: 'CRM', url } as never })
  const count = async () => (await payload.count({ collection: 'webhooks' as never })).totalDocs

  beforeAll(async () => {
    local = await startLocalPayload(kind, { pushSchema: true })
    payload = local.payload
  })
  afterAll(() => local?.close())

  it('refuses loopback, private and link-local addresses, naming the address, and stores nothing', async () => {
    for (const url of ['http://127.0.0.1:8080/hook', 'http://169.254.169.254/latest', 'https://[fd12:3456::1]/hook'])
      expect(await fieldErrors(save(url))).toEqual([expect.stringMatching(/^url: .* einer internen Adresse/)])
    expect(await fieldErrors(save('ftp://93.184.215.14/hook'))).toEqual(['url: Nur http(s)-URLs.'])
    expect(await count()).toBe(0)
  })

  it('accepts a public address, and a private one where the host allows private webhooks', async () => {
    await save('https://93.184.215.14/hook')
    personalizationOptions(payload).allowPrivateWebhooks = true
    try {
      await save('http://127.0.0.1:8080/hook')
    } finally {
      personalizationOptions(payload).allowPrivateWebhooks = false
    }
    expect(await count()).toBe(2)
  })

  it('is for admins only, and the audit log names who pointed a webhook where, the secret by name only', async () => {
    const admin = await createStaff(payload, 'admin', `admin-${kind}@example.com`)
    const editor = await createStaff(payload, 'editor', `editor-${kind}@example.com`)
    const data = {
      events: ['unsubscribed'],
      name: 'Shop',
      secret: 'whsec_nur-fuer-admins',
      url: 'https://93.184.215.14/shop',
    }
    await expect(
      payload.create({ collection: 'webhooks' as never, data: data as never, overrideAccess: false, user: editor }),
    ).rejects.toThrow()
    await expect(
      payload.find({ collection: 'webhooks' as never, overrideAccess: false, user: editor }),
    ).rejects.toThrow()
    await payload.create({ collection: 'webhooks' as never, data: data as never, overrideAccess: false, user: admin })
    const { docs } = await payload.find({
      collection: AUDIT_LOG as never,
      depth: 0,
      where: { resource: { equals: 'webhooks' } } as never,
    })
    const [entry] = docs as unknown as { changes: { after?: unknown; field: string }[]; userEmail: string }[]
    expect(entry!.userEmail).toBe(admin.email)
    expect(entry!.changes).toContainEqual({ after: 'https://93.184.215.14/shop', before: null, field: 'url' })
    expect(entry!.changes).toContainEqual({ field: 'secret' })
    expect(JSON.stringify(docs)).not.toContain('whsec_nur-fuer-admins')
  })
})
