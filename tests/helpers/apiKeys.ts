import type { Payload } from 'payload'

import { handleEndpoints } from 'payload'

/** A staff or integration account with an API key (Payload's own API-key strategy); returns the key. */
export async function createApiKey(
  payload: Payload,
  role: 'admin' | 'integration',
  apiScopes: string[] = [],
): Promise<string> {
  const key = `schluessel-${role}-${Math.random().toString(36).slice(2)}`
  await payload.create({
    collection: 'users',
    data: {
      apiKey: key,
      apiScopes,
      email: `${role}-${Math.random().toString(36).slice(2)}@example.com`,
      enableAPIKey: true,
      password: 'schluessel-2026!',
      role,
    } as never,
  })
  return key
}

/** A REST request with that key through Payload's own endpoint handling (no HTTP server), its JSON answer. */
export async function restWithKey(
  payload: Payload,
  cacheKey: string,
  key: string,
  path: string,
  init: RequestInit = {},
): Promise<{ body: Record<string, unknown>; status: number }> {
  const response = await handleEndpoints({
    config: payload.config,
    payloadInstanceCacheKey: cacheKey,
    request: new Request(new URL(`/api${path}`, 'http://localhost:3000'), {
      ...init,
      headers: { authorization: `users API-Key ${key}`, 'content-type': 'application/json' },
    }),
  })
  return { body: (await response.json()) as Record<string, unknown>, status: response.status }
}
