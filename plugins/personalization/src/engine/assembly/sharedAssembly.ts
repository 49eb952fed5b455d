import type { AssembledSlot, EngineSettings, PersonalizationContext, SlotDefinition } from '../types'

/** How long readers of one context share an assembly: the anonymous GET answers are cacheable for a minute anyway. */
const SHARED_MS = 5_000
const MAX_CONTEXTS = 2_000

type Shared = { at: number; slots: AssembledSlot[] }

const byLibrary = new WeakMap<object, Map<string, Shared>>()

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
 * afresh. Not for sends: recipients' contexts differ, and their renderer batches by combination.
 */
export function sharedAssembly(
  library: object,
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
  if (hit && Math.abs(at - hit.at) < SHARED_MS) return hit.slots
  const slotsFilled = assemble()
  if (shared.size >= MAX_CONTEXTS) shared.delete(shared.keys().next().value as string)
  shared.set(key, { at, slots: slotsFilled })
  return slotsFilled
}
