import type { Field, TextFieldSingleValidation } from 'payload'

import { message, option, translated } from '../translations'

const OPERATORS = {
  contains: option('contains', 'kontorwerk-personalization:conditionContains'),
  exists: option('exists', 'kontorwerk-personalization:conditionExists'),
  gte: option('gte', 'kontorwerk-personalization:conditionGte'),
  in: option('in', 'kontorwerk-personalization:conditionIn'),
  lte: option('lte', 'kontorwerk-personalization:conditionLte'),
}

export type OperatorName = keyof typeof OPERATORS

/** attribute path · operator · values: the one condition shape of persona profiles, scoring rules and event filters. */
export function conditionFields(
  operators: OperatorName[],
  { pathExample = 'attributes.industry', required = true } = {},
): Field[] {
  return [
    {
      name: 'attribute',
      type: 'text',
      admin: { placeholder: pathExample },
      label: translated('kontorwerk-personalization:attribute'),
      required,
      validate: ((value, { req }) =>
        !value ||
        /^[a-zA-Z]\w*(\.[a-zA-Z]\w*)*$/.test(value) ||
        message(req, 'kontorwerk-personalization:fieldPathExpected', {
          example: pathExample,
        })) as TextFieldSingleValidation,
    },
    {
      name: 'operator',
      type: 'select',
      defaultValue: operators[0],
      label: translated('kontorwerk-personalization:operator'),
      options: operators.map((name) => OPERATORS[name]),
      required,
    },
    {
      name: 'values',
      type: 'text',
      admin: { condition: (_data, siblingData) => siblingData?.operator !== 'exists' },
      hasMany: true,
      label: translated('kontorwerk-personalization:values'),
    },
  ]
}
