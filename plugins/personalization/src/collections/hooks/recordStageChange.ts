import type { CollectionBeforeChangeHook } from 'payload'

import { relationId, type RelationValue } from '../../utilities/relation'

export type StageChangeContext = {
  stageChange?: { at?: Date; reason?: string; source?: 'import' | 'manual' | 'rule' | 'threshold' }
}

/**
 * Keeps the stage history (docs/plugins/personalization.md#lifecycle-stages): every change of `stage` appends who/what moved it and when.
 * Callers that move stages by rule pass `context.stageChange` with the source and reason.
 */
export const recordStageChange: CollectionBeforeChangeHook = ({ context, data, originalDoc }) => {
  if (!('stage' in data)) return data
  const next = relationId(data.stage)
  const previous = relationId(originalDoc?.stage)
  if (next == null || String(next) === String(previous)) return data

  const { at = new Date(), reason, source = 'manual' } = (context as StageChangeContext).stageChange ?? {}
  const history = (originalDoc?.stageHistory ?? []) as Record<string, unknown>[]
  return {
    ...data,
    stageHistory: [
      ...history.map((entry) => ({ ...entry, stage: relationId(entry.stage as RelationValue) })),
      { changedAt: at.toISOString(), reason: reason ?? null, source, stage: next },
    ],
  }
}
