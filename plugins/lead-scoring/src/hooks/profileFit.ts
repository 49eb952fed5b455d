import type { CollectionBeforeChangeHook } from 'payload'

import { idFromKey } from '@kontorwerk/personalization'

import { storedBehaviour } from '../utilities/behaviour'
import { scoringModel } from '../utilities/model'
import { profileScore } from '../utilities/profile'
import { scoreSnapshot } from '../utilities/scoreSnapshot'
import { readScore } from '../utilities/scoreState'

/**
 * Keeps the profile side of the score current on every save: attribute-rule fit points, the fit
 * per persona and, unless an editor locked it, the primary persona (best fit above the minimum).
 * The stored fit, engagement and total (for the subscriber list) are read afresh with it: a save
 * writes the whole document, so it must not put back a snapshot the intake has since replaced.
 */
export const profileFit: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  const model = await scoringModel.get(req.payload, req)
  const merged = { ...originalDoc, ...data }
  const { fitAttributes, fits, primary } = profileScore(merged, model)
  const behaviour = originalDoc?.id
    ? (await storedBehaviour(req.payload, [String(originalDoc.id)])).get(String(originalDoc.id))
    : undefined
  const now = new Date()
  const snapshot = scoreSnapshot(readScore({ ...behaviour, fitAttributes }, originalDoc?.createdAt ?? now, now, model))
  const next: Record<string, unknown> = {
    ...data,
    score: { ...originalDoc?.score, ...data.score, ...snapshot, fitAttributes, personaFits: fits },
  }
  if (primary && !merged.personaLocked) next.persona = idFromKey(req.payload, primary)
  return next
}
