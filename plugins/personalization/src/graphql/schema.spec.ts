import { configToSchema } from '@payloadcms/graphql'
import { buildConfig } from 'payload'
import { describe, expect, it } from 'vitest'

import { appConfig } from '../../../../src/config/appConfig'

describe('the GraphQL schema', () => {
  it('builds from the whole config, with every product operation and no clashing type names', async () => {
    const config = await buildConfig(appConfig({ databaseUri: 'file:/tmp/schema-only.db' }))
    const { schema } = configToSchema(config)
    const queries = Object.keys(schema.getQueryType()!.getFields())
    const mutations = Object.keys(schema.getMutationType()!.getFields())
    expect(queries).toEqual(expect.arrayContaining(['leadScore', 'personalizedNewsletter', 'personalizedLandingPage', 'personalizedBlocks', 'preferences', 'segmentCount', 'segmentMembers', 'subscriberSegments']))
    expect(mutations).toEqual(expect.arrayContaining(['recordEvents', 'subscribe', 'confirmSubscription', 'updatePreferences', 'unsubscribe', 'freezeSegment']))
  })
})
