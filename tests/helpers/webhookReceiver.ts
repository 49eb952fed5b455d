import http from 'node:http'

/** One request as the receiver got it: the raw body (what the signature covers) and its headers. */
export type ReceivedWebhook = { body: string; headers: http.IncomingHttpHeaders }

/** A webhook receiver (a CRM) on a real loopback port: answers 500 to the next `failures` requests, then 204. */
export async function webhookReceiver() {
  const received: ReceivedWebhook[] = []
  let failures = 0
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: request.headers })
      response.statusCode = failures-- > 0 ? 500 : 204
      response.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    close: () => server.close(),
    failNext: (count: number) => (failures = count),
    /** The requests received, in order. */
    received,
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/crm`,
  }
}
