import type { PayloadRequest } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createStaff, type LocalPayload, startLocalPayload } from '../../tests/helpers/localPayload'
import { LOGIN_THROTTLE } from './loginThrottle'

let next = 0
const freshAddress = () => `192.0.2.${++next}`

describe('login throttling per client address (Local API as REST sees it, SQLite)', () => {
  let local: LocalPayload
  let email: string
  beforeAll(async () => {
    local = await startLocalPayload('sqlite')
    email = (await createStaff(local.payload, 'admin')).email
  })
  afterAll(() => local?.close())

  /** A login as the REST endpoint runs it: the express server's client address on the request. */
  const loginFrom = (ip: string, password: string) =>
    local.payload
      .login({
        collection: 'users',
        data: { email, password },
        req: { headers: new Headers({ 'x-client-ip': ip }), payloadAPI: 'REST' } as Partial<PayloadRequest>,
      })
      .then(
        (result) => ({ ok: Boolean(result.token) }),
        (error: { data?: { code?: string }; status?: number }) => ({ code: error.data?.code, status: error.status }),
      )

  it(`refuses the next attempt after ${LOGIN_THROTTLE.failuresPerAddress} failures from one address, even with the right password`, async () => {
    const guesser = freshAddress()
    for (let i = 0; i < LOGIN_THROTTLE.failuresPerAddress; i++)
      expect(await loginFrom(guesser, `wrong-${i}`)).toEqual({ code: undefined, status: 401 })
    expect(await loginFrom(guesser, 'test-password-123')).toEqual({ code: 'RATE_LIMITED', status: 429 })
  })

  it('never locks the account: its owner logs in from another address', async () => {
    expect(await loginFrom(freshAddress(), 'test-password-123')).toEqual({ ok: true })
  })

  it('does not count successful logins', async () => {
    const office = freshAddress()
    for (let i = 0; i <= LOGIN_THROTTLE.failuresPerAddress; i++)
      expect(await loginFrom(office, 'test-password-123')).toEqual({ ok: true })
    expect(await loginFrom(office, 'wrong')).toEqual({ code: undefined, status: 401 })
  })
})
