import type { CollectionBeforeChangeHook } from 'payload'

import { idFromKey } from '@kontorwerk/personalization'

import { scoringModel } from '../utilities/model'
import { profileScore } from '../utilities/profile'

/**
 * Keeps the profile side of the score current on every save: attribute-rule fit points, the fit
 * per persona and, unless an editor locked it, the primary persona (best fit above the minimum).
 */
export const profileFit: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  const model = await scoringModel.get(req.payload, req)
  const merged = { ...originalDoc, ...data }
  const { fitAttributes, fits, primary } = profileScore(merged, model)
  const next: Record<string, unknown> = {
    ...data,
    score: { ...originalDoc?.score, ...data.score, fitAttributes, personaFits: fits },
  }
  if (primary && !merged.personaLocked) next.persona = idFromKey(req.payload, primary)
  return next
}
