import { describe, expect, it, vi } from 'vitest'

/** A fresh copy of the module, as Next's REST route bundle holds one beside its GraphQL route's. */
async function moduleCopy() {
  vi.resetModules()
  return import('./signupLimits')
}

/** The product's limits, spelled out: per IP 10 per 15 minutes, per address 3 per hour. */
const LIMITS = { perAddress: 3, perIp: 10 }

describe('sign-up limits', () => {
  it('counts in one budget across copies of the module (the form on the REST route, GraphQL on its own)', async () => {
    const restRoute = await moduleCopy()
    const graphqlRoute = await moduleCopy()
    expect(graphqlRoute).not.toBe(restRoute)
    for (let i = 0; i < 10; i++)
      expect(await restRoute.withinSignupLimits('198.51.100.20', `copy-${i}@example.com`, LIMITS)).toBe(true)
    expect(await graphqlRoute.withinSignupLimits('198.51.100.20', 'copy-10@example.com', LIMITS)).toBe(false)

    for (let i = 0; i < 3; i++)
      expect(await graphqlRoute.withinSignupLimits(`198.51.100.${30 + i}`, 'copies@example.com', LIMITS)).toBe(true)
    expect(await restRoute.withinSignupLimits('198.51.100.40', 'copies@example.com', LIMITS)).toBe(false)
  })

  it('counts an address in its normalised form, a trailing dot included', async () => {
    const { withinSignupLimits } = await import('./signupLimits')
    const spellings = ['punkt@example.com', 'Punkt@Example.com.', ' PUNKT@example.com ']
    for (const [i, email] of spellings.entries())
      expect(await withinSignupLimits(`203.0.113.${i}`, email, LIMITS)).toBe(true)
    expect(await withinSignupLimits('203.0.113.9', 'punkt@example.com.', LIMITS)).toBe(false)
  })

  it('does not let a client that is over its own limit use up the budget of an address', async () => {
    const { withinSignupLimits } = await import('./signupLimits')
    for (let i = 0; i < 10; i++) await withinSignupLimits('192.0.2.77', `flood-${i}@example.com`, LIMITS)
    for (let i = 0; i < 5; i++) expect(await withinSignupLimits('192.0.2.77', 'victim@example.com', LIMITS)).toBe(false)
    expect(await withinSignupLimits('192.0.2.78', 'victim@example.com', LIMITS)).toBe(true)
  })

  it('gives what is no address no shared budget: each such sign-up is refused for its input, not for others', async () => {
    const { withinSignupLimits } = await import('./signupLimits')
    for (let i = 0; i < 5; i++)
      expect(await withinSignupLimits(`192.0.2.${100 + i}`, 'kein-at-zeichen', LIMITS)).toBe(true)
  })
})
