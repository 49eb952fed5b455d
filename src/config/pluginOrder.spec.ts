import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig } from 'payload'
import { describe, expect, it } from 'vitest'

import { campaigns } from '@kontorwerk/campaigns'
import { consent } from '@kontorwerk/consent'
import { leadScoring } from '@kontorwerk/lead-scoring'
import { personalization } from '@kontorwerk/personalization'
import { segments } from '@kontorwerk/segments'

import { Media } from '../../collections/Media'
import { Users } from '../../collections/Users'

/** Builds a host config with these plugins; the error it stops with, or null. */
async function configError(
  plugins: NonNullable<Parameters<typeof buildConfig>[0]['plugins']>,
  collections = [Media, Users],
  editor: unknown = lexicalEditor(),
) {
  try {
    await buildConfig({ collections, editor, plugins, secret: 'test' } as unknown as Parameters<typeof buildConfig>[0])
    return null
  } catch (error) {
    return (error as Error).message
  }
}

describe('a host that adds the plugins wrongly learns what to change when the config is built', () => {
  it('names the plugins campaigns() needs', async () => {
    expect(await configError([personalization(), campaigns()])).toBe(
      'campaigns(): add consent() and segments() before campaigns() in plugins',
    )
    expect(await configError([personalization(), consent(), campaigns()])).toBe(
      'campaigns(): add segments() before campaigns() in plugins',
    )
    expect(await configError([personalization(), segments()])).toBe(
      'segments(): add consent() before segments() in plugins',
    )
    expect(await configError([consent()])).toBe('consent(): add personalization() before consent() in plugins')
  })

  it('names a subscribers slug that does not exist, and the option that chose it', async () => {
    expect(await configError([personalization(), consent({ subscribersSlug: 'kunden' })])).toBe(
      'consent(): there is no collection "kunden" (option subscribersSlug); add personalization() first, or set subscribersSlug to the collection\'s slug',
    )
    expect(await configError([personalization(), leadScoring({ subscribersSlug: 'leads' })])).toMatch(
      /^leadScoring\(\): there is no collection "leads"/,
    )
  })

  it('names the host collections the core needs', async () => {
    expect(await configError([personalization()], [Media])).toBe(
      'personalization(): no auth collection "users" for the staff; add one or set the option usersSlug',
    )
    expect(await configError([personalization({ mediaSlug: 'bilder' })])).toBe(
      'personalization(): no upload collection "bilder" for block images; add one or set the option mediaSlug',
    )
    expect(await configError([personalization()], [Media, Users], null)).toBe(
      'personalization(): content blocks need a rich-text editor; add editor: lexicalEditor() (@payloadcms/richtext-lexical) to the config',
    )
  })

  it('accepts a host whose staff and uploads have slugs of their own (every relation follows the options)', async () => {
    const plugins = [
      personalization({ mediaSlug: 'images', usersSlug: 'members' }),
      consent(),
      leadScoring(),
      segments(),
      campaigns(),
    ]
    expect(
      await configError(plugins, [
        { ...Media, slug: 'images' },
        { ...Users, slug: 'members' },
      ]),
    ).toBeNull()
  })

  it("relates uploads to the host's own upload collection", async () => {
    const bilder = { ...Media, slug: 'bilder' }
    const config = await buildConfig({
      collections: [bilder, Users],
      editor: lexicalEditor(),
      plugins: [personalization({ mediaSlug: 'bilder' }), consent()],
      secret: 'test',
    } as unknown as Parameters<typeof buildConfig>[0])
    const logo = config.globals
      .find((global) => global.slug === 'branding')
      ?.fields.find((field) => 'name' in field && field.name === 'logo')
    expect(logo).toMatchObject({ relationTo: 'bilder', type: 'upload' })
  })

  it("accepts the reference app's order", async () => {
    expect(await configError([personalization(), consent(), leadScoring(), segments(), campaigns()])).toBeNull()
  })
})
