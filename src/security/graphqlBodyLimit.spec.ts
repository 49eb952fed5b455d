import express from 'express'
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { serve, type Served } from '../../tests/helpers/express'
import { GRAPHQL_BODY_LIMIT, limitGraphQLBody } from './graphqlBodyLimit'

/** A raw request, to send a chunked body (fetch would need a stream and duplex for that). */
function chunkedPost(url: string, chunk: string): Promise<{ body: string; status: number }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${url}/api/graphql`,
      { headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, method: 'POST' },
      (response) => {
        let body = ''
        response.on('data', (data) => (body += data))
        response.on('end', () => resolve({ body, status: response.statusCode ?? 0 }))
      },
    )
    request.on('error', reject)
    request.end(chunk)
  })
}

describe('the GraphQL body limit', () => {
  let served: Served
  const received: number[] = []
  beforeAll(async () => {
    const app = express()
    app.use(limitGraphQLBody())
    app.use(express.raw({ limit: '10mb', type: () => true }), (req, res) => {
      received.push((req.body as Buffer).length)
      res.json({ ok: true })
    })
    served = await serve(app)
  })
  afterAll(() => served?.close())

  it('lets a body of exactly 1 MB through and refuses one byte more with a coded 413', async () => {
    const post = (size: number) =>
      fetch(`${served.url}/api/graphql`, {
        body: 'x'.repeat(size),
        headers: { 'content-type': 'application/json' },
        method: 'POST',
      })
    expect((await post(GRAPHQL_BODY_LIMIT)).status).toBe(200)
    const over = await post(GRAPHQL_BODY_LIMIT + 1)
    expect(over.status).toBe(413)
    expect(await over.json()).toEqual({
      errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' }, message: 'Die Anfrage ist größer als 1 MB.' }],
    })
    expect(received).toEqual([GRAPHQL_BODY_LIMIT])
  })

  it('refuses a body without a length with a coded 411, and leaves other paths alone', async () => {
    const chunked = await chunkedPost(served.url, '{"query":"{ __typename }"}')
    expect(chunked.status).toBe(411)
    expect(JSON.parse(chunked.body).errors[0].extensions.code).toBe('LENGTH_REQUIRED')
    const upload = await fetch(`${served.url}/api/media`, { body: 'x'.repeat(2 * GRAPHQL_BODY_LIMIT), method: 'POST' })
    expect(upload.status).toBe(200)
  })
})
