import type { Reason } from '../types'

/**
 * A reason as statements with a code and parameters: what the explanation says, in no language yet.
 * Interest, persona, stage and region are the keys a frontend knows (slugs, keys, codes); rules are
 * the engine's rule codes. `reasonText` turns them into words of the admin language.
 */
export type ReasonStatement =
  | { code: 'excluded'; params: { rules: { count: number; rule: string }[] } }
  | { code: 'fallback' }
  | { code: 'interests'; params: { slugs: string[] } }
  | { code: 'persona'; params: { slug: string } }
  | { code: 'pinned' }
  | { code: 'priorityOnly' }
  | { code: 'region'; params: { code: string } }
  | { code: 'replaced'; params: { rule: string; title: string } }
  | { code: 'score'; params: { score: number } }
  | { code: 'stage'; params: { key: string } }

export function reasonStatements(reason: Reason): ReasonStatement[] {
  if (reason.kind === 'pinned') return [{ code: 'pinned' }]
  if (reason.kind === 'fallback') {
    const replaced: ReasonStatement[] = reason.replaced
      ? [{ code: 'replaced', params: { rule: reason.replaced.rule, title: reason.replaced.title } }]
      : []
    const rules = Object.entries(reason.excluded ?? {}).map(([rule, count]) => ({ count, rule }))
    return [
      { code: 'fallback' },
      ...(rules.length ? [{ code: 'excluded' as const, params: { rules } }] : []),
      ...replaced,
    ]
  }
  const matches: ReasonStatement[] = [
    ...(reason.matchedInterests.length
      ? [{ code: 'interests' as const, params: { slugs: reason.matchedInterests } }]
      : []),
    ...(reason.matchedPersona ? [{ code: 'persona' as const, params: { slug: reason.matchedPersona } }] : []),
    ...(reason.matchedStage ? [{ code: 'stage' as const, params: { key: reason.matchedStage } }] : []),
    ...(reason.matchedRegion ? [{ code: 'region' as const, params: { code: reason.matchedRegion } }] : []),
  ]
  return [
    { code: 'score', params: { score: reason.score } },
    ...(matches.length ? matches : [{ code: 'priorityOnly' as const }]),
  ]
}
