import type { BlockCandidate } from './types'

type Times = { from: number; published: number; until: number }

const cache = new WeakMap<BlockCandidate, Times>()

/** A block's dates as numbers, parsed once per block object (ranking runs per reader and slot). */
export function timesOf(block: BlockCandidate): Times {
  let times = cache.get(block)
  if (!times) {
    const from = block.validFrom ? Date.parse(block.validFrom) : -Infinity
    times = {
      from,
      published: Date.parse(block.validFrom ?? block.updatedAt),
      until: block.validUntil ? Date.parse(block.validUntil) : Infinity,
    }
    cache.set(block, times)
  }
  return times
}

export function isValidAt(block: BlockCandidate, at: number): boolean {
  const { from, until } = timesOf(block)
  return from <= at && at < until
}
