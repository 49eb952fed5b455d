import { configToSchema } from '@payloadcms/graphql'
import { describe, expect, it } from 'vitest'

import { referenceConfig } from '../../../../tests/helpers/referenceApp'

describe('the GraphQL schema', () => {
  it('builds from the whole config, with every product operation and no clashing type names', async () => {
    const config = await referenceConfig()
    const { schema } = configToSchema(config)
    const queries = Object.keys(schema.getQueryType()!.getFields())
    const mutations = Object.keys(schema.getMutationType()!.getFields())
    expect(queries).toEqual(
      expect.arrayContaining([
        'leadScore',
        'personalizedNewsletter',
        'personalizedLandingPage',
        'personalizedBlocks',
        'preferences',
        'segmentCount',
        'segmentMembers',
        'subscriberSegments',
      ]),
    )
    expect(mutations).toEqual(
      expect.arrayContaining([
        'recordEvents',
        'subscribe',
        'confirmSubscription',
        'updatePreferences',
        'unsubscribe',
        'freezeSegment',
      ]),
    )
  })
})
