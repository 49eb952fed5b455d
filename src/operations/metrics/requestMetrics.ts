import type { RequestHandler } from 'express'
import type { Registry } from 'prom-client'

import { Histogram } from 'prom-client'

import { currentRequest } from '../logging/requestContext'

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

/** Which document a personalization query renders, most expensive first (a request asking for several counts once). */
const RENDERS: [field: string, document: string][] = [
  ['personalizedNewsletter', 'newsletter'],
  ['personalizedLandingPage', 'landing_page'],
  ['personalizedBlocks', 'blocks'],
]

const statusClass = (status: number) => `${Math.floor(status / 100)}xx`

/**
 * Request timings of this process, from the moment express sees the request until its response is
 * sent (what a caller waits for): event intake batches (`POST /api/events`), personalized renders
 * over GraphQL, and segment counts (the builder's preview, GraphQL `segmentCount`).
 */
export function requestMetrics(registry: Registry): RequestHandler {
  const histogram = <L extends string>(name: string, help: string, labelNames: L[]) =>
    new Histogram({ name, buckets: SECONDS, help, labelNames, registers: [registry] })
  const intake = histogram(
    'kontorwerk_event_intake_batch_seconds',
    'Time to answer one POST /api/events batch, by status class',
    ['status'],
  )
  const render = histogram(
    'kontorwerk_render_seconds',
    'Time to answer a GraphQL request rendering a personalized newsletter, landing page or blocks',
    ['document', 'status'],
  )
  const segmentCount = histogram(
    'kontorwerk_segment_count_seconds',
    'Time to answer a segment count: the builder preview (POST /api/segments/preview) or GraphQL segmentCount',
    ['via', 'status'],
  )

  return (req, res, next) => {
    if (req.method !== 'POST') return next()
    const measured = req.path === '/api/events' || req.path === '/api/graphql' || req.path === '/api/segments/preview'
    if (!measured) return next()
    const context = currentRequest()
    const started = process.hrtime.bigint()
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      const status = statusClass(res.statusCode)
      if (req.path === '/api/events') intake.observe({ status }, seconds)
      else if (req.path === '/api/segments/preview') segmentCount.observe({ status, via: 'preview' }, seconds)
      else {
        // GraphQL: what the request asked for was noted while Payload validated it (graphqlOperations.ts).
        const operations = context?.operations ?? new Set<string>()
        const rendered = RENDERS.find(([field]) => operations.has(field))
        if (rendered) render.observe({ document: rendered[1], status }, seconds)
        if (operations.has('segmentCount')) segmentCount.observe({ status, via: 'graphql' }, seconds)
      }
    })
    next()
  }
}
