import { ipKeyGenerator, MemoryStore } from 'express-rate-limit'

import { normalizeEmail } from '../../../src/domain/email'

export const SIGNUP_WINDOWS = { perAddress: 60 * 60_000, perIp: 15 * 60_000 }

/** One pair of counters for every sign-up path (HTML form and GraphQL), so the limits cannot be sidestepped. */
export const signupStores = { perAddress: new MemoryStore(), perIp: new MemoryStore() }
signupStores.perIp.init({ windowMs: SIGNUP_WINDOWS.perIp } as never)
signupStores.perAddress.init({ windowMs: SIGNUP_WINDOWS.perAddress } as never)

export const addressKey = (email: unknown) => `address:${normalizeEmail(email) ?? 'invalid'}`
/** IPv6 clients are counted per /56 network, as they can change addresses within it at will. */
export const ipKey = (ip: string) => `ip:${ipKeyGenerator(ip)}`

/** Counts a sign-up attempt; true when it is within both limits. */
export async function withinSignupLimits(ip: string, email: unknown, limits: { perAddress: number; perIp: number }): Promise<boolean> {
  const [byIp, byAddress] = await Promise.all([signupStores.perIp.increment(ipKey(ip)), signupStores.perAddress.increment(addressKey(email))])
  return byIp.totalHits <= limits.perIp && byAddress.totalHits <= limits.perAddress
}
