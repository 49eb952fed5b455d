import type { Field } from 'payload'

/**
 * The fields with relationships and uploads to a default slug pointed at the host's own collection
 * (e.g. `media` → `assets`), nested groups, rows, tabs, arrays and blocks included: collections are
 * written against default slugs, the host's names come from the options.
 */
export function retargetRelations<F extends Field>(fields: F[], slugs: Record<string, string>): F[] {
  const map = (field: Field): Field => {
    let next = field
    if (
      (next.type === 'relationship' || next.type === 'upload') &&
      typeof next.relationTo === 'string' &&
      slugs[next.relationTo]
    ) {
      next = { ...next, relationTo: slugs[next.relationTo] } as Field
    }
    if ('fields' in next && Array.isArray(next.fields)) next = { ...next, fields: next.fields.map(map) } as Field
    if (next.type === 'tabs')
      next = { ...next, tabs: next.tabs.map((tab) => ({ ...tab, fields: tab.fields.map(map) })) }
    if (next.type === 'blocks')
      next = { ...next, blocks: next.blocks.map((block) => ({ ...block, fields: block.fields.map(map) })) }
    return next
  }
  return fields.map(map) as F[]
}
