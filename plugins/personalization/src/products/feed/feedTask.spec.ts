import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startStockPayload, STOCK_HOST_URL, type StockPayload } from '../../../../../tests/helpers/stockPayload'
import { PRODUCTS_SLUG } from '../../collections/Products'
import { personalizationOptions } from '../../extensions'
import { personalization } from '../../plugin'
import { importScheduledFeeds, PRODUCT_FEEDS_TASK } from './feedTask'

/** A host with two scheduled feeds (one good, one broken) served by a local shop system. */
describe('scheduled product feeds (stock host, SQLite)', () => {
  let host: StockPayload
  let server: http.Server
  const feeds: Record<string, string> = {
    '/gut.json': JSON.stringify([{ currency: 'EUR', name: 'Kassenbuch', price: 29, sku: 'KASSE-1' }]),
    '/kaputt.csv': 'sku;name;price;currency\nA-1;Ohne Preis;;EUR',
  }

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      response.writeHead(200, { 'content-type': request.url?.endsWith('.json') ? 'application/json' : 'text/csv' })
      response.end(feeds[request.url ?? ''] ?? '')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
    host = await startStockPayload((slugs) => [
      personalization({
        ...slugs,
        // The shop system sits beside the server, as a CRM may: the deployment allows private addresses.
        allowPrivateWebhooks: true,
        productFeeds: [{ url: `${base}/gut.json` }, { url: `${base}/kaputt.csv` }],
        productFeedSchedule: '0 0 4 * * *',
        publicUrl: STOCK_HOST_URL,
      }),
    ])
  }, 120_000)
  afterAll(async () => {
    server?.close()
    await host?.close()
  })

  it('is a scheduled job that imports the good feed and leaves the catalog alone for the broken one', async () => {
    const task = host.payload.config.jobs.tasks?.find((candidate) => candidate.slug === PRODUCT_FEEDS_TASK)
    expect(task?.schedule).toEqual([{ cron: '0 0 4 * * *', queue: 'default' }])

    await host.payload.jobs.queue({ input: {} as never, task: PRODUCT_FEEDS_TASK as never })
    await host.payload.jobs.run()
    const { docs } = await host.payload.find({ collection: PRODUCTS_SLUG as never, depth: 0 })
    expect(docs.map((doc) => (doc as unknown as { sku: string }).sku)).toEqual(['KASSE-1'])
    // Run again (the job's output is gone with the finished job): what each feed did, the good one now unchanged.
    const outcomes = await importScheduledFeeds(host.payload, personalizationOptions(host.payload).productFeeds)
    expect(outcomes.map(({ url, ...outcome }) => ({ ...outcome, url: url.replace(/^.*\//, '') }))).toEqual([
      { created: 0, errors: 0, problem: undefined, status: 'imported', unchanged: 1, updated: 0, url: 'gut.json' },
      { created: 0, errors: 1, problem: undefined, status: 'rejected', unchanged: 0, updated: 0, url: 'kaputt.csv' },
    ])
  })

  it('adds no job for a host without feeds', async () => {
    const plain = await startStockPayload((slugs) => [personalization({ ...slugs, publicUrl: STOCK_HOST_URL })])
    try {
      expect(plain.payload.config.jobs.tasks?.some((candidate) => candidate.slug === PRODUCT_FEEDS_TASK)).toBeFalsy()
    } finally {
      await plain.close()
    }
  })
})
