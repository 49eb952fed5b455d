import type { AssembledSlot, BlockCandidate, EngineSettings, PersonalizationContext, SlotDefinition } from '../types'

import { timesOf } from '../times'

/** How long readers of one context share an assembly: the anonymous GET answers are cacheable for a minute anyway. */
const SHARED_MS = 5_000
const MAX_CONTEXTS = 2_000

type Shared = { at: number; slots: AssembledSlot[] }

type Library = { candidates: BlockCandidate[] }

const byLibrary = new WeakMap<Library, Map<string, Shared>>()
const boundariesByLibrary = new WeakMap<Library, Float64Array>()

/** Every moment a block of the library becomes valid or expires, sorted. */
function boundariesOf(library: Library): Float64Array {
  let boundaries = boundariesByLibrary.get(library)
  if (!boundaries) {
    const times = library.candidates.flatMap((block) => {
      const { from, until } = timesOf(block)
      return [from, until].filter(Number.isFinite)
    })
    boundaries = Float64Array.from(times).sort()
    boundariesByLibrary.set(library, boundaries)
  }
  return boundaries
}

/** Whether a block becomes valid or expires in (earlier, later]: an assembly from one side is wrong on the other. */
function crossesValidity(library: Library, a: number, b: number): boolean {
  const [earlier, later] = a < b ? [a, b] : [b, a]
  const boundaries = boundariesOf(library)
  let low = 0
  let high = boundaries.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (boundaries[middle] <= earlier) low = middle + 1
    else high = middle
  }
  return low < boundaries.length && boundaries[low] <= later
}

/** Maps and sets as sorted entries, dates as numbers: equal contexts give equal keys. */
function plain(_key: string, value: unknown): unknown {
  if (value instanceof Map) return [...value].sort(([a], [b]) => (String(a) < String(b) ? -1 : 1))
  if (value instanceof Set) return [...value].map(String).sort()
  return value
}

/** Everything the assembly reads of a reader but the time, which Shared.at bounds. */
const contextKey = ({ now: _now, ...rest }: PersonalizationContext) => JSON.stringify(rest, plain)

/**
 * The public reads' assembly, shared by readers of the same context within a few seconds: every
 * anonymous visitor of a landing page has the same context, and ranking a large library costs
 * ~10 ms (every candidate is measured), which per request made the page's throughput. The key is
 * the whole context but its time, the slots and the settings; a new library (any edit) starts
 * afresh, and so does a moment on the other side of a block's start or end of validity. Not for sends: recipients' contexts differ, and their renderer batches by combination.
 */
export function sharedAssembly(
  library: Library,
  context: PersonalizationContext,
  slots: SlotDefinition[],
  settings: EngineSettings,
  assemble: () => AssembledSlot[],
): AssembledSlot[] {
  let shared = byLibrary.get(library)
  if (!shared) byLibrary.set(library, (shared = new Map()))
  const key = `${JSON.stringify([slots, settings])}|${contextKey(context)}`
  const at = context.now.getTime()
  const hit = shared.get(key)
  if (hit && Math.abs(at - hit.at) < SHARED_MS && !crossesValidity(library, hit.at, at)) return hit.slots
  const slotsFilled = assemble()
  if (shared.size >= MAX_CONTEXTS) shared.delete(shared.keys().next().value as string)
  shared.set(key, { at, slots: slotsFilled })
  return slotsFilled
}
