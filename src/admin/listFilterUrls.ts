import type { RequestHandler } from 'express'
import type { Payload } from 'payload'

/** `where[or][0][and][0][stageLabel][exists]=true`, `where[email][in][0]=…`: the brackets after `where`. */
const CONDITION_KEY = /^where((?:\[[^\]]*\])+)$/

/** The index of the condition's path among the brackets: after any `or`/`and` with their row numbers. */
function pathIndex(segments: string[]) {
  let index = 0
  // Any case, as Payload reads them; `[]` appends a row as a number does.
  while (/^(?:or|and)$/i.test(segments[index] ?? '') && /^\d*$/.test(segments[index + 1] ?? 'x')) index += 2
  return index
}

type FieldNames = { names: Set<string>; virtualPaths: Map<string, string> }

/** The collection's top-level field names and, for virtual fields read through a relationship, their path. */
function fieldNamesOf(payload: Payload, slug: string): FieldNames | null {
  const collection = payload.collections[slug as keyof typeof payload.collections]
  if (!collection) return null
  const names = new Set(['id', 'createdAt', 'updatedAt'])
  const virtualPaths = new Map<string, string>()
  for (const field of collection.config.flattenedFields) {
    // A plain virtual field has no column: the filter does not offer it, and the list view fails on it too.
    if ('virtual' in field && field.virtual === true) continue
    names.add(field.name)
    if ('virtual' in field && typeof field.virtual === 'string') virtualPaths.set(field.name, field.virtual)
  }
  return { names, virtualPaths }
}

/**
 * The admin list's filter URL, repaired before Payload's list view reads it. Payload 3.90 answers
 * 500 to an `exists` condition on a path its filter does not offer (the condition's value select
 * reads the missing field: `where[nosuch][exists]=true`, or a list column's own name such as
 * `primaryPersona` where the filter offers its path `persona.name`). A link someone typed or kept
 * should open the list, so: a virtual field's name becomes its path (`primaryPersona` →
 * `persona.name`), and a condition on a field the collection does not have is dropped, with a
 * redirect to the repaired URL. Everything else passes untouched.
 */
export function listFilterUrls(payload: Payload): RequestHandler {
  const listPath = new RegExp(`^${payload.config.routes.admin}/collections/([^/]+)/?$`)
  return (req, res, next) => {
    const slug = req.method === 'GET' ? listPath.exec(req.path)?.[1] : undefined
    const fields = slug ? fieldNamesOf(payload, slug) : null
    if (!fields) return next()
    const url = new URL(req.originalUrl, 'http://admin.invalid')
    const repaired = new URLSearchParams()
    let changed = false
    for (const [key, value] of url.searchParams) {
      const brackets = CONDITION_KEY.exec(key)?.[1]
      const segments = brackets ? brackets.slice(1, -1).split('][') : []
      const at = pathIndex(segments)
      if (segments.length < at + 2) {
        repaired.append(key, value)
        continue
      }
      const [head, ...rest] = segments[at].split('.')
      const alias = fields.virtualPaths.get(head)
      if (alias) {
        segments[at] = [alias, ...rest].join('.')
        repaired.append(`where[${segments.join('][')}]`, value)
        changed = true
      } else if (fields.names.has(head)) repaired.append(key, value)
      else changed = true
    }
    if (!changed) return next()
    const query = repaired.toString()
    res.redirect(302, `${url.pathname}${query ? `?${query}` : ''}`)
  }
}
