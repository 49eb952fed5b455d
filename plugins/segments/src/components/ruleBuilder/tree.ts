import type { RuleGroupType, RuleType } from 'react-querybuilder'

import type { RuleProblem } from '../../rules/types'
import type { Text } from './text'

export const EMPTY: RuleGroupType = { combinator: 'and', rules: [] }

/** react-querybuilder adds `valueSource: "value"` to new rules; the stored tree does not carry it. */
export function withoutValueSources(group: RuleGroupType): RuleGroupType {
  return {
    ...group,
    rules: group.rules.map((node) => {
      if (typeof node === 'string') return node
      if ('rules' in node) return withoutValueSources(node)
      const { valueSource: _ignored, ...rule } = node
      return rule
    }),
  }
}

/**
 * Ids for nodes stored without one (e.g. written through the API), derived from their place: the
 * server-rendered and the hydrated builder must agree, so react-querybuilder's random ids won't do.
 */
export function withIds(group: RuleGroupType, id = 'root'): RuleGroupType {
  return {
    ...group,
    id: group.id ?? id,
    rules: group.rules.map((node, index) => {
      if (typeof node === 'string') return node
      const here = `${id}-${index}`
      return 'rules' in node ? withIds(node, here) : { ...node, id: node.id ?? here }
    }),
  }
}

export function rulesOf(group: RuleGroupType): RuleType[] {
  return group.rules.flatMap((node) => (typeof node === 'string' ? [] : 'rules' in node ? rulesOf(node) : [node]))
}

/** The rule or group a problem path ("rules[1].rules[0]") points at. */
export function nodeAt(query: RuleGroupType, path: string): RuleGroupType | RuleType | undefined {
  let node: RuleGroupType | RuleType | undefined = query
  for (const [, index] of path.matchAll(/rules\[(\d+)\]/g)) {
    node = node && 'rules' in node ? (node.rules[Number(index)] as RuleGroupType | RuleType | undefined) : undefined
  }
  return node
}

export function idsAt(query: RuleGroupType, problems: RuleProblem[]): Set<string> {
  return new Set(problems.flatMap((problem) => nodeAt(query, problem.path === 'root' ? '' : problem.path)?.id ?? []))
}

/** "rules[1].rules[0]" as an editor counts: "Bedingung 2.1". */
export function describePath(path: string, query: RuleGroupType, t: Text): string {
  const numbers = [...path.matchAll(/rules\[(\d+)\]/g)].map(([, index]) => Number(index) + 1)
  if (numbers.length === 0) return t.root
  const node = nodeAt(query, path)
  return `${node && 'rules' in node ? t.group : t.condition} ${numbers.join('.')}`
}
