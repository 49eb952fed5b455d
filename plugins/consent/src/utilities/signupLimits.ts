import { ipKeyGenerator, MemoryStore } from 'express-rate-limit'

import { normalizeEmail } from '@kontorwerk/personalization'

/** Sign-ups per IP address per 15 minutes and per email address per hour, on all paths together. */
export const SIGNUP_LIMITS = { perAddress: 3, perIp: 10 }
export const SIGNUP_WINDOWS = { perAddress: 60 * 60_000, perIp: 15 * 60_000 }

export type SignupStores = { perAddress: MemoryStore; perIp: MemoryStore }

function createSignupStores(): SignupStores {
  const stores = { perAddress: new MemoryStore(), perIp: new MemoryStore() }
  stores.perIp.init({ windowMs: SIGNUP_WINDOWS.perIp } as never)
  stores.perAddress.init({ windowMs: SIGNUP_WINDOWS.perAddress } as never)
  return stores
}

/**
 * One pair of counters per process for every sign-up path (HTML form and GraphQL), so the limits
 * cannot be sidestepped. Kept on globalThis, not in this module: the form runs in the express
 * server's copy of this module, GraphQL in the copy bundled into Next's server build, and counters
 * of their own would give every client each budget twice.
 */
const REGISTRY = Symbol.for('payload-personalization.signupStores')
export const signupStores: SignupStores = ((globalThis as { [REGISTRY]?: SignupStores })[REGISTRY] ??= createSignupStores())

/** The per-address key, or null for what is no address: that sign-up is refused anyway and must not use up a budget all such requests would share. */
export const addressKey = (email: unknown) => {
  const address = normalizeEmail(email)
  return address === null ? null : `address:${address}`
}
/** IPv6 clients are counted per /56 network, as they can change addresses within it at will. */
export const ipKey = (ip: string) => `ip:${ipKeyGenerator(ip)}`

/**
 * Counts a sign-up attempt; true when it is within both limits. In the order of the form's limiters:
 * an address only counts when the client is within its own budget, so a flooding client cannot use
 * up more of a stranger's address budget than its own limit allows.
 */
export async function withinSignupLimits(ip: string, email: unknown, limits = SIGNUP_LIMITS): Promise<boolean> {
  if ((await signupStores.perIp.increment(ipKey(ip))).totalHits > limits.perIp) return false
  const key = addressKey(email)
  return key === null || (await signupStores.perAddress.increment(key)).totalHits <= limits.perAddress
}
