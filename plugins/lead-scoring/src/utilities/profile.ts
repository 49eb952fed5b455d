import type { PayloadRequest } from 'payload'

import { mayReadPath } from '@kontorwerk/personalization'

import type { AttributeRule, ScoringModel } from './model'

import { matchesCondition } from './conditions'
import { personaFits } from './personaFit'

/** Profile values computed from a stored field, by the field they come from: as personal as their source. */
const DERIVED_FROM: Record<string, string> = { emailDomain: 'email' }

/** The profile conditions look at: the stored fields plus derived ones (emailDomain). */
export function profileSubject(subscriber: Record<string, unknown>): Record<string, unknown> {
  const email = typeof subscriber.email === 'string' ? subscriber.email : ''
  return { ...subscriber, emailDomain: email.slice(email.lastIndexOf('@') + 1) || null }
}

/**
 * Whether the signed-in user may read what a profile condition path tests (`emailDomain` is read
 * through `email`). Editors may not read personal data (email, names, title, gender, custom
 * attributes, the score fits computed from them), so a rule of theirs must not test it either.
 */
export function mayReadProfilePath(req: PayloadRequest, path: string): Promise<boolean> {
  const [head, ...rest] = path.split('.')
  return mayReadPath(req, req.payload.collections.subscribers.config.flattenedFields, [
    DERIVED_FROM[head] ?? head,
    ...rest,
  ])
}

export function matchingAttributeRules(subject: unknown, rules: AttributeRule[]): AttributeRule[] {
  return rules.filter((rule) => matchesCondition(subject, rule.condition))
}

/** Fit points from attribute rules (on either axis they count as fit: they describe who, not what they did) and persona fits. */
export function profileScore(subscriber: Record<string, unknown>, model: ScoringModel) {
  const subject = profileSubject(subscriber)
  const matched = matchingAttributeRules(subject, model.attributeRules)
  return {
    fitAttributes: matched.reduce((sum, rule) => sum + rule.points, 0),
    matched,
    ...personaFits(subject, model.personas, model.settings.primaryPersonaMinFit),
  }
}
