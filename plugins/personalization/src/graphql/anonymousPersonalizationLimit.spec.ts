import type { Config, PayloadRequest } from 'payload'

import { afterEach, describe, expect, it } from 'vitest'

import { resolveOptions } from '../defaults'
import { extendPersonalization } from '../extensions'
import { spendAnonymousAllowance } from './anonymousPersonalizationLimit'

let next = 0
let limit: number | undefined
/** A Payload configured with the option `anonymousRateLimit` (the default while it is undefined). */
const payload = () => ({
  config: extendPersonalization({} as Config, { options: resolveOptions({ anonymousRateLimit: limit }, {}) }),
})
/** A request as Payload hands it to a resolver: the address the express server put there, maybe a user. */
const requestFrom = (ip: string, user: null | object = null) =>
  ({
    headers: new Headers({ 'x-client-ip': ip }),
    i18n: { language: 'en', t: (key: string) => key },
    payload: payload(),
    user,
  }) as unknown as PayloadRequest
const freshAddress = () => `198.51.100.${++next}`

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: { code?: string; status?: number }) => ({ code: error.code, status: error.status }),
  )

describe('the per-address allowance for anonymous personalization', () => {
  afterEach(() => {
    limit = undefined
  })

  it('allows 60 fields a minute per address, then answers RATE_LIMITED; other addresses are unaffected', async () => {
    const flooding = freshAddress()
    for (let i = 0; i < 60; i++) await spendAnonymousAllowance(requestFrom(flooding))
    expect(await refusal(spendAnonymousAllowance(requestFrom(flooding)))).toEqual({ code: 'RATE_LIMITED', status: 429 })
    expect(await refusal(spendAnonymousAllowance(requestFrom(freshAddress())))).toBeNull()
  })

  it('does not count logged-in callers and API keys', async () => {
    const office = freshAddress()
    for (let i = 0; i < 100; i++) await spendAnonymousAllowance(requestFrom(office, { id: 1 }))
    for (let i = 0; i < 60; i++) await spendAnonymousAllowance(requestFrom(office))
    expect(await refusal(spendAnonymousAllowance(requestFrom(office)))).toMatchObject({ code: 'RATE_LIMITED' })
  })

  it('takes its number from the option anonymousRateLimit; 0 turns it off', async () => {
    limit = 2
    const address = freshAddress()
    await spendAnonymousAllowance(requestFrom(address))
    await spendAnonymousAllowance(requestFrom(address))
    expect(await refusal(spendAnonymousAllowance(requestFrom(address)))).toMatchObject({ code: 'RATE_LIMITED' })
    limit = 0
    expect(await refusal(spendAnonymousAllowance(requestFrom(address)))).toBeNull()
  })
})
