import type { CollectionConfig, Config, GlobalConfig, Option } from 'payload'

import type { AuditedResource, AuditLogOptions } from './options'

import { personalizationOptions } from '../extensions'
import { PluginConfigError, requirePlugins } from '../plugin'
import { withHooks } from '../utilities/withHooks'
import { AUDIT_LOG } from './auditEntry'
import { auditCollection, auditGlobal } from './auditHooks'
import { auditLogCollection } from './AuditLog'
import { DEFAULT_AUDITED, staffAccountDefaults } from './options'

type Audited = Record<string, AuditedResource | true>

/** The slugs to audit: as configured (every one must exist), or the defaults the config has. */
function chosen(configured: Audited | undefined, defaults: Audited, present: string[], kind: string): Audited {
  if (!configured) return Object.fromEntries(Object.entries(defaults).filter(([slug]) => present.includes(slug)))
  const missing = Object.keys(configured).find((slug) => !present.includes(slug))
  if (missing) throw new PluginConfigError('auditLog', `there is no ${kind} "${missing}" to audit (option ${kind}s)`)
  return configured
}

const resolved = (audited: AuditedResource | true): AuditedResource => (audited === true ? {} : audited)

/** A staff account's secrets and login bookkeeping stay out of the log whatever the host configured. */
const withStaffSecrets = (audited: AuditedResource): AuditedResource => ({
  ...audited,
  exclude: [...(audited.exclude ?? []), ...(staffAccountDefaults.exclude ?? [])],
  hideValues:
    audited.hideValues === true
      ? true
      : [...(audited.hideValues || []), ...((staffAccountDefaults.hideValues as string[] | undefined) ?? [])],
})

/**
 * The audit log as a Payload plugin (docs/governance.md): one hook factory attached by slug to the
 * audited collections and globals, and the append-only `audit-log` collection admins read and
 * export. Add it after the packages whose collections it audits (last in `plugins`).
 *
 * @example plugins: [personalization(), consent(), leadScoring(), segments(), campaigns({ smtp }), auditLog()]
 */
export const auditLog =
  (options: AuditLogOptions = {}) =>
  (incoming: Config): Config => {
    requirePlugins(incoming, 'auditLog', ['personalization'])
    const { usersSlug } = personalizationOptions({ config: incoming })
    const collections = incoming.collections ?? []
    const globals = incoming.globals ?? []
    const auditedCollections = chosen(
      options.collections,
      DEFAULT_AUDITED.collections,
      collections.map((collection) => collection.slug),
      'collection',
    )
    const auditedGlobals = chosen(
      options.globals,
      DEFAULT_AUDITED.globals,
      globals.map((global) => global.slug),
      'global',
    )

    const resources: Option[] = []
    const withAudit = (collection: CollectionConfig): CollectionConfig => {
      const configured = auditedCollections[collection.slug]
      if (!configured || collection.slug === AUDIT_LOG) return collection
      const audited = collection.slug === usersSlug ? withStaffSecrets(resolved(configured)) : resolved(configured)
      resources.push({ label: collection.labels?.plural ?? collection.slug, value: collection.slug })
      const hooks = auditCollection(collection.slug, audited, collection.admin?.useAsTitle)
      return withHooks(collection, { afterChange: [hooks.afterChange], afterDelete: [hooks.afterDelete] })
    }
    const withGlobalAudit = (global: GlobalConfig): GlobalConfig => {
      const configured = auditedGlobals[global.slug]
      if (!configured) return global
      resources.push({ label: global.label ?? global.slug, value: global.slug })
      const hook = auditGlobal(global.slug, resolved(configured))
      return { ...global, hooks: { ...global.hooks, afterChange: [...(global.hooks?.afterChange ?? []), hook] } }
    }
    const audited = collections.map(withAudit)
    const auditedGlobalConfigs = globals.map(withGlobalAudit)
    return {
      ...incoming,
      collections: [...audited, auditLogCollection(resources, usersSlug)],
      globals: auditedGlobalConfigs,
    }
  }
