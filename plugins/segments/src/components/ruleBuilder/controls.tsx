import React from 'react'
import {
  type ActionProps,
  toOptions,
  type Translations,
  useValueSelector,
  type ValueSelectorProps,
} from 'react-querybuilder'

import type { Text } from './text'

/** react-querybuilder's field, operator and combinator dropdowns, with an accessible name. */
export function Select(props: ValueSelectorProps) {
  const { onChange, val } = useValueSelector(props)
  return (
    <select
      aria-label={props.title}
      className={props.className}
      disabled={props.disabled}
      onChange={(event) => onChange(event.target.value)}
      title={props.title}
      value={val}
    >
      {toOptions(props.options)}
    </select>
  )
}

/** Buttons whose visible label is a symbol get their title as accessible name. */
export function Action({ className, disabled, handleOnClick, label, title }: ActionProps) {
  const symbolic = typeof label === 'string' && !/\p{L}/u.test(label)
  return (
    <button
      aria-label={symbolic ? title : undefined}
      className={className}
      disabled={disabled}
      onClick={handleOnClick}
      title={title}
      type="button"
    >
      {label}
    </button>
  )
}

/** react-querybuilder's own buttons and titles in the admin language. */
export function translations(t: Text): Partial<Translations> {
  return {
    addGroup: { label: t.addGroup, title: t.addGroupTitle },
    addRule: { label: t.addRule, title: t.addRuleTitle },
    combinators: { title: t.combinator },
    fields: { title: t.field },
    notToggle: { label: t.not, title: t.notTitle },
    operators: { title: t.operator },
    removeGroup: { label: '⨯', title: t.removeGroup },
    removeRule: { label: '⨯', title: t.removeRule },
    value: { title: t.value },
  }
}
