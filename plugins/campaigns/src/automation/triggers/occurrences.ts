import type { Payload } from 'payload'

import { idFromKey, readRows } from '@kontorwerk/personalization'

import type { Automation } from '../../documents'

import { AUTOMATION_RUNS } from '../../defaults'

/**
 * Of these occurrences (subscriber → key), the ones this automation has not started a run for.
 * The unique `occurrenceKey` of a run is what guarantees "once" (a second insert is ignored);
 * this read only spares the sweep rewriting every date and tier it has seen, every ten minutes.
 */
export async function unseenOccurrences(
  payload: Payload,
  automation: Automation,
  occurrences: Map<string, string>,
): Promise<Map<string, string>> {
  if (occurrences.size === 0) return occurrences
  const rows = await readRows(
    payload,
    AUTOMATION_RUNS,
    ['occurrenceKey'],
    [{ field: 'automation', in: [idFromKey(payload, String(automation.id))] }],
  )
  const seen = new Set(rows.map((row) => row.occurrenceKey).filter(Boolean))
  return new Map([...occurrences].filter(([, key]) => !seen.has(key)))
}
