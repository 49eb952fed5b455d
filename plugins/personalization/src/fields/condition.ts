import type { Field, TextFieldSingleValidation } from 'payload'

import { label, option } from '../i18n/label'
import { message } from '../i18n/message'

const OPERATORS = {
  contains: option('contains', 'enthält', 'contains'),
  exists: option('exists', 'ist vorhanden', 'is present'),
  gte: option('gte', 'mindestens', 'at least'),
  in: option('in', 'ist einer von', 'is one of'),
  lte: option('lte', 'höchstens', 'at most'),
}

export type OperatorName = keyof typeof OPERATORS

/** attribute path · operator · values: the one condition shape of persona profiles, scoring rules and event filters. */
export function conditionFields(operators: OperatorName[], { pathExample = 'attributes.industry', required = true } = {}): Field[] {
  return [
    {
      name: 'attribute',
      type: 'text',
      admin: { placeholder: pathExample },
      label: label('Merkmal', 'Attribute'),
      required,
      validate: ((value, { req }) =>
        !value ||
        /^[a-zA-Z]\w*(\.[a-zA-Z]\w*)*$/.test(value) ||
        message(req, label(`Feldpfad wie ${pathExample} erwartet.`, `Expected a field path such as ${pathExample}.`))) as TextFieldSingleValidation,
    },
    {
      name: 'operator',
      type: 'select',
      defaultValue: operators[0],
      label: label('Vergleich', 'Operator'),
      options: operators.map((name) => OPERATORS[name]),
      required,
    },
    {
      name: 'values',
      type: 'text',
      admin: { condition: (_data, siblingData) => siblingData?.operator !== 'exists' },
      hasMany: true,
      label: label('Werte', 'Values'),
    },
  ]
}
