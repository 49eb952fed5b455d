import type { CollectionConfig } from 'payload'

type AfterHooks = Pick<NonNullable<CollectionConfig['hooks']>, 'afterChange' | 'afterDelete'>

/** Appends after-hooks to a collection's own, keeping both. */
export function withHooks(collection: CollectionConfig, hooks: AfterHooks): CollectionConfig {
  return {
    ...collection,
    hooks: {
      ...collection.hooks,
      afterChange: [...(collection.hooks?.afterChange ?? []), ...(hooks.afterChange ?? [])],
      afterDelete: [...(collection.hooks?.afterDelete ?? []), ...(hooks.afterDelete ?? [])],
    },
  }
}
