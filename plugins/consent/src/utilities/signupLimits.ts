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
 * cannot be sidestepped. Kept on globalThis, not in this module: a host may load this module more
 * than once (Next bundles its REST route, which serves the form, apart from its GraphQL route), and
 * counters of their own would give every client each budget twice.
 */
const REGISTRY = Symbol.for('payload-personalization.signupStores')
export const signupStores: SignupStores = ((globalThis as { [REGISTRY]?: SignupStores })[REGISTRY] ??=
  createSignupStores())

/** The per-address key, or null for what is no address: that sign-up is refused anyway and must not use up a budget all such requests would share. */
export const addressKey = (email: unknown) => {
  const address = normalizeEmail(email)
  return address === null ? null : `address:${address}`
}
/** IPv6 clients are counted per /56 network, as they can change addresses within it at will. */
export const ipKey = (ip: string) => `ip:${ipKeyGenerator(ip)}`

/** Where a client stands with its own budget after an attempt: for the RateLimit headers of the form's answer. */
export type SignupCount = {
  allowed: boolean
  limit: number
  remaining: number
  resetSeconds: number
  windowSeconds: number
}

/**
 * Counts a sign-up attempt; `allowed` when it is within both limits. In this order: an address
 * only counts when the client is within its own budget, so a flooding client cannot use up more of
 * a stranger's address budget than its own limit allows.
 */
export async function countSignup(ip: string, email: unknown, limits = SIGNUP_LIMITS): Promise<SignupCount> {
  const client = await signupStores.perIp.increment(ipKey(ip))
  const windowSeconds = SIGNUP_WINDOWS.perIp / 1000
  const resetSeconds = client.resetTime
    ? Math.max(0, Math.ceil((client.resetTime.getTime() - Date.now()) / 1000))
    : windowSeconds
  const budget = {
    limit: limits.perIp,
    remaining: Math.max(0, limits.perIp - client.totalHits),
    resetSeconds,
    windowSeconds,
  }
  if (client.totalHits > limits.perIp) return { ...budget, allowed: false }
  const key = addressKey(email)
  return {
    ...budget,
    allowed: key === null || (await signupStores.perAddress.increment(key)).totalHits <= limits.perAddress,
  }
}

/** `countSignup` for callers that only need the answer (GraphQL). */
export const withinSignupLimits = async (ip: string, email: unknown, limits = SIGNUP_LIMITS): Promise<boolean> =>
  (await countSignup(ip, email, limits)).allowed
