import type { AttributeRule, ScoringModel } from './model'

import { matchesCondition } from './conditions'
import { personaFits } from './personaFit'

/** The profile conditions look at: the stored fields plus derived ones (emailDomain). */
export function profileSubject(subscriber: Record<string, unknown>): Record<string, unknown> {
  const email = typeof subscriber.email === 'string' ? subscriber.email : ''
  return { ...subscriber, emailDomain: email.slice(email.lastIndexOf('@') + 1) || null }
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
