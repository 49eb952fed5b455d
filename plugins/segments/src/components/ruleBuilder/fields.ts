import type { Field, OptionGroup } from 'react-querybuilder'

import type { SegmentsT } from './text'

import { FIELDS } from '../../rules/catalogue'

/**
 * The catalogue as react-querybuilder fields, grouped as in the catalogue, labelled in the admin
 * language. Personal ones are there for editors too, so an admin's stored condition shows as it
 * is, but they cannot be chosen.
 */
export function builderFields(t: SegmentsT, isAdmin: boolean): OptionGroup<Field>[] {
  const groups = new Map<string, Field[]>()
  for (const spec of FIELDS) {
    const group = t(spec.group)
    const operators = spec.operators.map((operator) => ({
      disabled: !isAdmin && operator.personal,
      label: t(operator.label),
      name: operator.name,
    }))
    groups.set(group, [
      ...(groups.get(group) ?? []),
      { disabled: !isAdmin && spec.personal, label: t(spec.label), name: spec.name, operators },
    ])
  }
  return [...groups].map(([label, options]) => ({ label, options }))
}
