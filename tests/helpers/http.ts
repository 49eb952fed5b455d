export type Session = { headers: Record<string, string> }

export const anonymous: Session = { headers: {} }

/** Signs in to an auth collection (the reference app's staff are `users`; a host may call them otherwise). */
export async function login(baseUrl: string, email: string, password: string, collection = 'users'): Promise<Session> {
  const response = await fetch(`${baseUrl}/api/${collection}/login`, {
    body: JSON.stringify({ email, password }),
    headers: { 'content-type': 'application/json' },
    method: 'POST',
  })
  if (!response.ok) throw new Error(`login as ${email} failed: ${response.status} ${await response.text()}`)
  const { token } = (await response.json()) as { token: string }
  return { headers: { authorization: `JWT ${token}` } }
}

export async function rest(baseUrl: string, session: Session, method: string, path: string, body?: unknown) {
  const response = await fetch(`${baseUrl}/api${path}`, {
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { ...session.headers, 'accept-language': 'de', 'content-type': 'application/json' },
    method,
  })
  const text = await response.text()
  return { body: text ? JSON.parse(text) : null, status: response.status }
}

export type GraphQLResult = {
  data?: Record<string, any> | null
  errors?: { extensions?: Record<string, unknown>; message: string; path?: string[] }[]
}

export async function graphql(
  baseUrl: string,
  session: Session,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResult> {
  const response = await fetch(`${baseUrl}/api/graphql`, {
    body: JSON.stringify({ query, variables }),
    headers: { ...session.headers, 'content-type': 'application/json' },
    method: 'POST',
  })
  return (await response.json()) as GraphQLResult
}
