import { FIELD_BY_NAME, type ValueKind } from '../../rules/catalogue'

/** Operators that compare numbers. */
export const NUMERIC = new Set(['<', '<=', '>', '>='])

/** The value kind the catalogue assigns to a field and operator: which editor, which shape. */
export const kindOf = (field: string, operator: string): undefined | ValueKind =>
  FIELD_BY_NAME.get(field as never)?.operators.find((candidate) => candidate.name === operator)?.value

/**
 * The value a rule starts with, or keeps when only its operator changed: what still fits the new
 * value kind is carried over (the persona of "is primary" becomes the persona of "fit at least").
 */
export function valueFor(kind: undefined | ValueKind, operator: string, previous?: unknown): unknown {
  const prev = isRecord(previous) ? previous : {}
  const id = (candidate: unknown) =>
    typeof candidate === 'string' || typeof candidate === 'number' ? String(candidate) : ''
  const number = (candidate: unknown, fallback: number) => (typeof candidate === 'number' ? candidate : fallback)
  switch (kind) {
    case 'text':
      return typeof previous === 'string' ? previous : ''
    case 'number':
      return number(previous, 0)
    case 'persona':
      return id(previous) || id(prev.persona)
    case 'stage':
      return id(previous) || id(prev.stage)
    case 'segment':
      return id(previous)
    case 'channel':
      return typeof previous === 'string' && previous ? previous : 'email'
    case 'frequency':
      return typeof previous === 'string' && previous ? previous : 'weekly'
    case 'attribute': {
      const key = typeof prev.key === 'string' ? prev.key : ''
      if (operator === 'exists' || operator === 'notExists') return { key }
      if (NUMERIC.has(operator)) return { key, value: number(prev.value, 0) }
      if (operator === 'contains') return { key, value: typeof prev.value === 'string' ? prev.value : '' }
      return { key, value: prev.value ?? '' }
    }
    case 'personaFit':
      return { percent: number(prev.percent, 50), persona: id(previous) || id(prev.persona) }
    case 'interest':
      return { interest: id(prev.interest), minWeight: number(prev.minWeight, 0), source: prev.source ?? 'any' }
    case 'stageChange':
      return { days: number(prev.days, 30), stage: id(previous) || id(prev.stage) }
    case 'consent':
      return { channel: prev.channel ?? 'email', topic: prev.topic ?? null }
    case 'tracking':
      return { channel: prev.channel ?? 'email' }
    case 'events':
      return {
        condition: isRecord(prev.condition) ? prev.condition : null,
        count: number(prev.count, 1),
        days: number(prev.days, 30),
        interest: prev.interest ?? null,
        type: prev.type ?? 'email_opened',
      }
    case 'contacted':
      return { channel: prev.channel ?? 'email', count: number(prev.count, 1), days: number(prev.days, 30) }
    case 'rfm':
      return { metric: prev.metric ?? 'recencyDays', value: number(prev.value, 30) }
    default:
      return null
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
