import { type Condition, matchesCondition } from './conditions'

export type PersonaProfile = { id: string; profile: (Condition & { weight: number })[] }

/** Percentage (0–100) of a persona's weighted traits the subscriber's profile has (docs/plugins/lead-scoring.md#persona-fit). */
export function personaFit(subject: unknown, persona: PersonaProfile): number {
  const total = persona.profile.reduce((sum, trait) => sum + trait.weight, 0)
  if (total <= 0) return 0
  const matched = persona.profile.reduce((sum, trait) => sum + (matchesCondition(subject, trait) ? trait.weight : 0), 0)
  return Math.round((matched / total) * 100)
}

/** Fit per persona id, and the best persona when its fit reaches the minimum (ties: the first persona). */
export function personaFits(subject: unknown, personas: PersonaProfile[], minimumFit: number) {
  const fits: Record<string, number> = {}
  let primary: null | string = null
  for (const persona of personas) {
    fits[persona.id] = personaFit(subject, persona)
    if (fits[persona.id] >= minimumFit && (primary === null || fits[persona.id] > fits[primary])) primary = persona.id
  }
  return { fits, primary }
}
