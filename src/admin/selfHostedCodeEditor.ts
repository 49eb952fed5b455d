import type { Config, Field } from 'payload'

const COMPONENTS = {
  code: '/src/admin/SelfHostedCodeFields#SelfHostedCodeField',
  json: '/src/admin/SelfHostedCodeFields#SelfHostedJSONField',
} as const

/** A code or JSON field without a component of its own gets Payload's, mounted after Monaco from this app. */
function withSelfHostedEditor(field: Field): Field {
  if ((field.type === 'code' || field.type === 'json') && !field.admin?.components?.Field) {
    return {
      ...field,
      admin: { ...field.admin, components: { ...field.admin?.components, Field: COMPONENTS[field.type] } },
    } as Field
  }
  if (field.type === 'tabs')
    return { ...field, tabs: field.tabs.map((tab) => ({ ...tab, fields: fieldsOf(tab.fields) })) }
  if (field.type === 'blocks' && field.blocks)
    return { ...field, blocks: field.blocks.map((block) => ({ ...block, fields: fieldsOf(block.fields) })) }
  if ('fields' in field && Array.isArray(field.fields)) return { ...field, fields: fieldsOf(field.fields) } as Field
  return field
}

const fieldsOf = (fields: Field[]) => fields.map(withSelfHostedEditor)

/**
 * The last plugin of the app: every code and JSON field of every collection and global (the packages'
 * included) edits with Monaco served by this app instead of a CDN, so the admin works offline and
 * behind a proxy (docs/decisions.md, "The admin's code editor comes from the app").
 */
export function selfHostedCodeEditor(config: Config): Config {
  return {
    ...config,
    collections: config.collections?.map((collection) => ({ ...collection, fields: fieldsOf(collection.fields) })),
    globals: config.globals?.map((global) => ({ ...global, fields: fieldsOf(global.fields) })),
  }
}
