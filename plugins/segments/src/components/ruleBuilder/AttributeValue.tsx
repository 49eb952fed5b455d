import React from 'react'

import type { Text } from './text'

import { Choice, NumberInput, TextInput } from './inputs'
import { NUMERIC } from './values'

/** A custom attribute: its key, and a value typed the way the operator compares. */
export function AttributeValue({
  disabled,
  onChange,
  operator,
  t,
  value,
}: {
  disabled?: boolean
  onChange: (value: unknown) => void
  operator: string
  t: Text
  value: Record<string, unknown>
}) {
  const key = typeof value.key === 'string' ? value.key : ''
  const keyInput = (
    <TextInput
      disabled={disabled}
      label={t.attributeKey}
      onChange={(next) => onChange({ ...value, key: next })}
      value={key}
    />
  )
  if (operator === 'exists' || operator === 'notExists') return keyInput
  const set = (next: unknown) => onChange({ key, value: next })
  if (NUMERIC.has(operator)) {
    return (
      <span className="rule-value-parts">
        {keyInput}
        <NumberInput disabled={disabled} label={t.attributeValue} onChange={set} value={value.value} />
      </span>
    )
  }
  if (operator === 'contains') {
    return (
      <span className="rule-value-parts">
        {keyInput}
        <TextInput disabled={disabled} label={t.attributeValue} onChange={set} value={value.value} />
      </span>
    )
  }
  // "=" and "!=" compare text, numbers or true/false: the editor says which, so "120" stays a number.
  const type = typeof value.value === 'number' ? 'number' : typeof value.value === 'boolean' ? 'boolean' : 'text'
  const types = [
    { label: t.text, value: 'text' },
    { label: t.number, value: 'number' },
    { label: t.boolean, value: 'boolean' },
  ]
  const retype = (next: string) => set(next === 'number' ? 0 : next === 'boolean' ? true : '')
  return (
    <span className="rule-value-parts">
      {keyInput}
      <Choice disabled={disabled} label={t.type} onChange={retype} options={types} t={t} value={type} />
      {type === 'number' && (
        <NumberInput disabled={disabled} label={t.attributeValue} onChange={set} value={value.value} />
      )}
      {type === 'boolean' && (
        <Choice
          disabled={disabled}
          label={t.attributeValue}
          onChange={(chosen) => set(chosen === 'true')}
          options={[
            { label: t.yes, value: 'true' },
            { label: t.no, value: 'false' },
          ]}
          t={t}
          value={String(value.value)}
        />
      )}
      {type === 'text' && <TextInput disabled={disabled} label={t.attributeValue} onChange={set} value={value.value} />}
    </span>
  )
}
