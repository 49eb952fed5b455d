import type { Express } from 'express'
import type { AddressInfo } from 'node:net'

export type Served = { close: () => Promise<void>; url: string }

/** Serves an express app on a free local port, for middleware specs that talk real HTTP. */
export async function serve(app: Express): Promise<Served> {
  const server = await new Promise<ReturnType<Express['listen']>>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening))
  })
  const { port } = server.address() as AddressInfo
  return { close: () => new Promise((resolve) => server.close(() => resolve())), url: `http://127.0.0.1:${port}` }
}
