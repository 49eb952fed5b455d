export type ConditionOperator = 'contains' | 'exists' | 'gte' | 'in' | 'lte'

export type Condition = { attribute: string; operator: ConditionOperator; values?: null | string[] }

/** The value at a dotted path (`attributes.industry`, `properties.url`). */
export function valueAt(source: unknown, path: string): unknown {
  let value: unknown = source
  for (const key of path.split('.')) {
    if (value == null || typeof value !== 'object') return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}

const text = (value: unknown) => String(value).trim().toLocaleLowerCase('de')

/**
 * One comparison for persona profiles, attribute rules and event filters: `in` compares text
 * case-insensitively (any of the values; an array value matches when any element does),
 * `gte`/`lte` compare numbers, `contains` finds a substring, `exists` needs any value.
 */
export function matchesCondition(source: unknown, { attribute, operator, values }: Condition): boolean {
  const value = valueAt(source, attribute)
  if (operator === 'exists') return value != null && value !== ''
  if (value == null || value === '') return false
  const candidates = Array.isArray(value) ? value : [value]
  const wanted = values ?? []
  return candidates.some((candidate) => {
    switch (operator) {
      case 'contains':
        return wanted.some((entry) => text(candidate).includes(text(entry)))
      case 'gte':
      case 'lte': {
        const number = Number(candidate)
        const bound = Number(wanted[0])
        if (!Number.isFinite(number) || !Number.isFinite(bound)) return false
        return operator === 'gte' ? number >= bound : number <= bound
      }
      case 'in':
        return wanted.some((entry) => text(entry) === text(candidate))
    }
  })
}
