import React from 'react'

import type { SegmentOption } from '../../endpoints/options'
import type { Text } from './text'

import { LIMITS } from '../../rules/catalogue'

export type InputProps<V> = { disabled?: boolean; label: string; onChange: (value: V) => void; value: unknown }

/** A labelled dropdown; a stored id that is no longer offered stays visible instead of silently switching. */
export function Choice({
  disabled,
  label,
  onChange,
  options,
  placeholder,
  t,
  value,
}: InputProps<string> & { options: SegmentOption[]; placeholder?: string; t: Text }) {
  const current = value == null ? '' : String(value)
  const known = current === '' || options.some((option) => option.value === current)
  return (
    <select
      aria-label={label}
      className="rule-value"
      disabled={disabled}
      onChange={(event) => onChange(event.target.value)}
      title={label}
      value={current}
    >
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {!known && <option value={current}>{`${current} (${t.unknown})`}</option>}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  )
}

export function TextInput({ disabled, label, onChange, value }: InputProps<string>) {
  return (
    <input
      aria-label={label}
      className="rule-value"
      disabled={disabled}
      maxLength={LIMITS.textLength}
      onChange={(event) => onChange(event.target.value)}
      title={label}
      type="text"
      value={typeof value === 'string' ? value : ''}
    />
  )
}

/** Numbers are stored as numbers; an empty box is stored as null so the server names the gap. */
export function NumberInput({
  disabled,
  label,
  max,
  min,
  onChange,
  step = 1,
  value,
}: InputProps<null | number> & { max?: number; min?: number; step?: number }) {
  return (
    <input
      aria-label={label}
      className="rule-value rule-value--number"
      disabled={disabled}
      max={max}
      min={min}
      onChange={(event) => onChange(event.target.value === '' ? null : Number(event.target.value))}
      step={step}
      title={label}
      type="number"
      value={typeof value === 'number' ? value : ''}
    />
  )
}
