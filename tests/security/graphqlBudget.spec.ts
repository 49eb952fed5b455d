import { describe, expect, inject, it } from 'vitest'

import { login } from '../helpers/http'

const servers = inject('servers')

const BLOCKS = 'personalizedBlocks(filter: { channel: "email" }, context: { stage: "lead" }) { id title }'
const aliased = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `b${i}: ${BLOCKS}`).join(' ')} }`

/** A client's address, as a reverse proxy in front of the server reports it (the test servers trust loopback proxies). */
let clients = 0
const newClient = () => `203.0.113.${++clients}`

type Answer = {
  body: { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string }; message: string }[] }
  status: number
}

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${url}/api/graphql`, {
    body,
    headers: { 'content-type': 'application/json', ...headers },
    method: 'POST',
  })
  return { body: await response.json(), status: response.status }
}
const ask = (url: string, query: string, headers: Record<string, string> = {}) =>
  post(url, JSON.stringify({ query }), headers)
const codes = ({ body }: Answer) => [...new Set(body.errors?.map((error) => error.extensions?.code))]

describe.each(servers)('anonymous GraphQL has a budget on $kind', ({ url }) => {
  it('refuses 60 aliased personalizedBlocks queries with BAD_USER_INPUT before any of them runs', async () => {
    const client = { 'x-forwarded-for': newClient() }
    const refused = await ask(url, aliased(60), client)
    expect(codes(refused)).toEqual(['BAD_USER_INPUT'])
    expect(refused.body.errors?.[0].message).toContain('costing 60, more than the 20')
    expect(refused.body.data).toBeUndefined()

    // Nothing ran, so nothing was counted against the caller: its whole minute's allowance (60) is still there.
    const allowed = await Promise.all([1, 2, 3].map(() => ask(url, aliased(20), client)))
    expect(allowed.map((answer) => Object.keys(answer.body.data ?? {}).length)).toEqual([20, 20, 20])
    expect(allowed.flatMap((answer) => answer.body.errors ?? [])).toEqual([])
  })

  it('answers an anonymous flood from one address RATE_LIMITED, while a logged-in admin there and other visitors go on', async () => {
    const flooder = { 'x-forwarded-for': newClient() }
    const answers: Answer[] = []
    for (let i = 0; i < 4; i++) answers.push(await ask(url, aliased(20), flooder))
    expect(answers.slice(0, 3).map(codes)).toEqual([[], [], []])
    expect(codes(answers[3])).toEqual(['RATE_LIMITED'])
    expect(answers[3].body.data).toBeNull()

    const admin = await login(url, 'admin@example.com', 'admin-demo-2026')
    const asAdmin = await ask(url, aliased(20), { ...flooder, ...admin.headers })
    expect(codes(asAdmin)).toEqual([])
    expect(Object.keys(asAdmin.body.data ?? {})).toHaveLength(20)

    const neighbour = await ask(url, aliased(1), { 'x-forwarded-for': newClient() })
    expect((neighbour.body.data?.b0 as unknown[]).length).toBeGreaterThan(0)
  })

  it('refuses a 2 MB body with a coded 413 and keeps answering', async () => {
    const padding = 'x'.repeat(2 * 1024 * 1024)
    const tooLarge = await post(url, JSON.stringify({ query: aliased(1), variables: { padding } }), {
      'x-forwarded-for': newClient(),
    })
    expect(tooLarge.status).toBe(413)
    expect(codes(tooLarge)).toEqual(['PAYLOAD_TOO_LARGE'])

    const next = await ask(url, aliased(1), { 'x-forwarded-for': newClient() })
    expect(next.status).toBe(200)
    expect(codes(next)).toEqual([])
  })
})
