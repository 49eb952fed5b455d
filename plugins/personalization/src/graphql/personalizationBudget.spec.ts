import { configToSchema } from '@payloadcms/graphql'
import { createRequire } from 'node:module'
import { beforeAll, describe, expect, it } from 'vitest'

import { referenceConfig } from '../../../../tests/helpers/referenceApp'
import { REQUEST_BUDGET } from './personalizationBudget'

// The graphql copy Payload builds its schema with (Node's resolution), not the one the test runner would bundle.
const { parse, specifiedRules, validate } = createRequire(import.meta.url)('graphql') as typeof import('graphql')

const BLOCKS = 'personalizedBlocks(filter: { channel: "email" }) { id }'
const aliased = (count: number, field: string, prefix = 'a') =>
  Array.from({ length: count }, (_, i) => `${prefix}${i}: ${field}`).join('\n')

describe('the personalization budget of one GraphQL request (the product schema and its validation rules)', () => {
  let check: (query: string, variables?: Record<string, unknown>) => { code?: unknown; message: string }[]

  beforeAll(async () => {
    const { schema, validationRules } = configToSchema(await referenceConfig())
    check = (query, variables) =>
      validate(schema, parse(query), [
        ...specifiedRules,
        ...validationRules({ document: parse(query), schema, variableValues: variables }),
      ]).map((error) => ({ code: error.extensions.code, message: error.message }))
  })

  it(`lets ${REQUEST_BUDGET} block lists through and refuses one more with BAD_USER_INPUT: every alias costs`, () => {
    expect(check(`{ ${aliased(REQUEST_BUDGET, BLOCKS)} }`)).toEqual([])
    const [error, ...more] = check(`{ ${aliased(REQUEST_BUDGET + 1, BLOCKS)} }`)
    expect(more).toEqual([])
    expect(error.code).toBe('BAD_USER_INPUT')
    expect(error.message).toContain(`costing ${REQUEST_BUDGET + 1}, more than the ${REQUEST_BUDGET}`)
  })

  it('prices newsletters and landing pages by what they render', () => {
    expect(check(`{ ${aliased(4, 'personalizedNewsletter(newsletter: "n") { subject }')} }`)).toEqual([])
    expect(check(`{ ${aliased(5, 'personalizedNewsletter(newsletter: "n") { subject }')} }`)[0]?.code).toBe(
      'BAD_USER_INPUT',
    )
    expect(
      check(`{ ${aliased(6, 'personalizedLandingPage(slug: "s") { title }')} ${aliased(3, BLOCKS, 'b')} }`)[0]?.code,
    ).toBe('BAD_USER_INPUT')
  })

  it('counts fields inside fragments as often as they are spread, and not those @skip drops', () => {
    const fragment = `fragment Ten on Query { ${aliased(10, BLOCKS)} }`
    expect(check(`query { ...Ten } ${fragment}`)).toEqual([])
    expect(
      check(
        `query { ...Ten ... on Query { ...Ten } x: personalizedBlocks(filter: { channel: "web" }) { id } } ${fragment}`,
      )[0]?.code,
    ).toBe('BAD_USER_INPUT')
    expect(
      check(
        `query($skip: Boolean!) { ...Ten @skip(if: $skip) ...Ten @include(if: false) more: personalizedBlocks(filter: { channel: "web" }) { id } } ${fragment}`,
        { skip: false },
      ),
    ).toEqual([])
  })

  it("charges nothing for Payload's own queries", () => {
    expect(check(`{ ${aliased(40, 'ContentBlocks(limit: 1) { docs { id } }')} }`)).toEqual([])
  })
})
