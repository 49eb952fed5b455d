import type { PersonalDataContributor } from '@kontorwerk/personalization'

import { LEAD_SCORES } from '../collections/LeadScores'
import { SCORE_HITS } from '../collections/ScoreHits'
import { activePredictions } from '../predictions/activePredictions'
import { PURCHASE_PREDICTIONS } from '../predictions/slugs'
import { leadScore } from '../utilities/explain'

/** A score, its every hit, the persona fits and the purchase predictions are about the person too: in the export, gone on erasure. */
export const scoresPersonalData: PersonalDataContributor = {
  erase: ({ subscriber }) => ({
    deletes: [SCORE_HITS, LEAD_SCORES, PURCHASE_PREDICTIONS].map((collection) => ({
      collection,
      field: 'subscriber',
      value: subscriber.id,
    })),
  }),
  export: async ({ payload, req, subscriber }) => {
    const score = await leadScore(payload, subscriber.id)
    const prediction = (await activePredictions(payload, [subscriber.id], req)).get(String(subscriber.id)) ?? null
    if (!score) return prediction && { prediction }
    const { docs: personas } = await payload.find({
      collection: 'personas',
      depth: 0,
      pagination: false,
      req,
      select: { name: true },
    })
    const personaName = (id: null | string) => personas.find((persona) => String(persona.id) === id)?.name ?? id
    return {
      ...score,
      personaFits: score.personaFits.map(({ fit, persona }) => ({ fit, persona: personaName(persona) })),
      primaryPersona: personaName(score.primaryPersona),
      prediction,
    }
  },
  key: 'leadScore',
  label: { de: 'Lead-Score und seine Gründe', en: 'Lead score and its reasons' },
}
