import type { CollectionConfig, Config, Field, GlobalConfig } from 'payload'

import express from 'express'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

import { serve } from '../../tests/helpers/express'
import { appConfig } from '../config/appConfig'
import { MONACO_ASSETS_PATH } from './monacoAssets'
import { selfHostedCodeEditor } from './selfHostedCodeEditor'
import { serveMonacoAssets } from './serveMonacoAssets'

const componentOf = (field: Field | undefined) =>
  (field as undefined | { admin?: { components?: { Field?: unknown } } })?.admin?.components?.Field

/** Every code and JSON field of a config, wherever it is nested, by a dotted path. */
function codeFields(fields: Field[], prefix = ''): Map<string, Field> {
  const found = new Map<string, Field>()
  for (const field of fields) {
    const name = 'name' in field ? `${prefix}${field.name}` : prefix
    if (field.type === 'code' || field.type === 'json') found.set(name, field)
    const nested =
      field.type === 'tabs'
        ? field.tabs.flatMap((tab) => tab.fields)
        : field.type === 'blocks'
          ? (field.blocks ?? []).flatMap((block) => block.fields)
          : 'fields' in field
            ? field.fields
            : []
    for (const [key, value] of codeFields(nested, 'name' in field ? `${name}.` : prefix)) found.set(key, value)
  }
  return found
}

describe('the code editor served by the app (no CDN)', () => {
  it("gives every code and JSON field Payload's editor behind the self-hosted loader, nested ones too, and leaves own components alone", () => {
    const nested: CollectionConfig = {
      fields: [
        { name: 'plain', type: 'json' },
        { name: 'own', type: 'json', admin: { components: { Field: '/elsewhere#Own' } } },
        {
          type: 'tabs',
          tabs: [{ fields: [{ name: 'box', type: 'group', fields: [{ name: 'layout', type: 'code' }] }], label: 'A' }],
        },
        { name: 'rows', type: 'array', fields: [{ type: 'row', fields: [{ name: 'data', type: 'json' }] }] },
        { name: 'title', type: 'text' },
      ],
      slug: 'things',
    }
    const global: GlobalConfig = { fields: [{ name: 'settings', type: 'json' }], slug: 'settings' }
    const config = selfHostedCodeEditor({ collections: [nested], globals: [global] } as Config)
    const fields = codeFields(config.collections![0].fields)
    expect(componentOf(fields.get('plain'))).toBe('/src/admin/SelfHostedCodeFields#SelfHostedJSONField')
    expect(componentOf(fields.get('own'))).toBe('/elsewhere#Own')
    expect(componentOf(fields.get('box.layout'))).toBe('/src/admin/SelfHostedCodeFields#SelfHostedCodeField')
    expect(componentOf(fields.get('rows.data'))).toBe('/src/admin/SelfHostedCodeFields#SelfHostedJSONField')
    expect(componentOf(codeFields(config.globals![0].fields).get('settings'))).toBe(
      '/src/admin/SelfHostedCodeFields#SelfHostedJSONField',
    )
  })

  it("reaches the packages' fields in the app's config: attributes, the MJML layout", async () => {
    const config = appConfig({ databaseUri: 'file::memory:' })
    const collections = [config.collections ?? []].flat()
    // The plugins add their collections when the config is built: run them as Payload does.
    let built: Config = { ...config, collections }
    for (const plugin of config.plugins ?? []) built = await plugin(built)
    const field = (slug: string, name: string) =>
      codeFields(built.collections!.find((collection) => collection.slug === slug)!.fields).get(name)
    expect(componentOf(field('subscribers', 'attributes'))).toBe('/src/admin/SelfHostedCodeFields#SelfHostedJSONField')
    expect(componentOf(field('newsletters', 'customLayout'))).toBe(
      '/src/admin/SelfHostedCodeFields#SelfHostedCodeField',
    )
  })

  it("serves the installed monaco-editor's files, and nothing outside them", async () => {
    const app = express()
    app.use(MONACO_ASSETS_PATH, serveMonacoAssets())
    const served = await serve(app)
    try {
      const vs = path.dirname(createRequire(import.meta.url).resolve('monaco-editor'))
      const loader = await fetch(`${served.url}${MONACO_ASSETS_PATH}/loader.js`)
      expect(loader.status).toBe(200)
      expect(await loader.text()).toBe(fs.readFileSync(path.join(vs, 'loader.js'), 'utf8'))
      expect((await fetch(`${served.url}${MONACO_ASSETS_PATH}/editor/editor.main.css`)).status).toBe(200)
      expect((await fetch(`${served.url}${MONACO_ASSETS_PATH}/nope.js`)).status).toBe(404)
      expect([403, 404]).toContain((await fetch(`${served.url}${MONACO_ASSETS_PATH}/..%2f..%2fpackage.json`)).status)
    } finally {
      await served.close()
    }
  })
})
