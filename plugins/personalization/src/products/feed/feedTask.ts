import type { Payload, TaskConfig } from 'payload'

import type { ResolvedPersonalizationOptions } from '../../types'

import { CodedError } from '../../errors'
import { fetchFeed } from './fetchFeed'
import { importFeed } from './importFeed'
import { feedFormatOf } from './parseFeed'

export const PRODUCT_FEEDS_TASK = 'personalizationProductFeeds' as const

type FeedOutcome = {
  created?: number
  errors?: number
  problem?: string
  status: string
  unchanged?: number
  updated?: number
  url: string
}

/**
 * Every configured feed fetched and imported, one after the other; a feed that fails (refused address,
 * no answer, a broken feed) is logged with its reason and leaves the catalog as it was, the others still run.
 */
export async function importScheduledFeeds(
  payload: Payload,
  feeds: ResolvedPersonalizationOptions['productFeeds'],
): Promise<FeedOutcome[]> {
  const outcomes: FeedOutcome[] = []
  for (const { language, url } of feeds) {
    try {
      const feed = await fetchFeed(payload, url)
      const report = await importFeed(payload, {
        format: feedFormatOf(feed.contentType, new URL(url).pathname, feed.text),
        language,
        text: feed.text,
      })
      const { created, errors, status, structure, unchanged, updated } = report
      outcomes.push({ created, errors: errors.length, problem: structure?.code, status, unchanged, updated, url })
      if (status === 'rejected')
        payload.logger.warn({
          errors: errors.slice(0, 20),
          msg: `Product feed ${url} refused; nothing stored`,
          structure,
        })
    } catch (error) {
      if (!(error instanceof CodedError)) throw error
      outcomes.push({ problem: error.code, status: 'failed', url })
      payload.logger.warn({ msg: `Product feed ${url} not fetched: ${error.message}` })
    }
  }
  return outcomes
}

/** The scheduled import of `productFeeds` (option `productFeedSchedule`). Not retried: a broken feed stays broken until it is fixed. */
export const productFeedsTask = (options: ResolvedPersonalizationOptions): TaskConfig =>
  ({
    slug: PRODUCT_FEEDS_TASK,
    handler: async ({ req }: { req: { payload: Payload } }) => ({
      output: { feeds: await importScheduledFeeds(req.payload, options.productFeeds) },
    }),
    outputSchema: [{ name: 'feeds', type: 'json' }],
    schedule: [{ cron: options.productFeedSchedule, queue: 'default' }],
  }) as unknown as TaskConfig
