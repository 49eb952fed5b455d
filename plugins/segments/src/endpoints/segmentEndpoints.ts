import type { Endpoint, PayloadRequest } from 'payload'

import { CodedError, hasRole, isStaffRequest } from '@kontorwerk/personalization'

import { MEMBER_PAGE_SIZE } from '../defaults'
import { loadEnvironment } from '../evaluation/environment'
import { allMembers } from '../evaluation/members'
import { problemText } from '../rules/problems'
import { membersCsv, subscribersFromCsv } from '../utilities/csvMembers'
import { asTree, freezeSegment, previewRules, writeMembers } from '../utilities/segmentService'

const json = (status: number, body: unknown) => Response.json(body, { status })
const problem = (status: number, message: string) => json(status, { errors: [{ message }] })

/** Staff only; some answers (emails, imports, exports) for admins only, as personal data. */
function guard(req: PayloadRequest, adminOnly = false): null | Response {
  if (!req.user) return problem(401, 'Log in first')
  if (!isStaffRequest(req)) return problem(403, 'An integration key is limited to its scopes')
  if (adminOnly && !hasRole(req, 'admin')) return problem(403, 'Only admins may do this (personal data)')
  return null
}

async function staticSegment(req: PayloadRequest) {
  const id = String(req.routeParams?.id ?? '')
  const segment = await req.payload
    .findByID({ id, collection: 'segments', depth: 0, disableErrors: true, req })
    .catch(() => null)
  if (!segment) return { error: problem(404, `Segment ${id} not found`) }
  return { segment }
}

const codedProblem = (error: unknown) => {
  if (error instanceof CodedError) return json(error.status, { errors: [{ code: error.code, message: error.message }] })
  throw error
}

/** POST /api/segments/preview {rules, segment}: the builder's live count and member sample. */
const preview: Endpoint = {
  handler: async (req) => {
    const denied = guard(req)
    if (denied) return denied
    const body = (await req.json?.().catch(() => undefined)) as { rules?: unknown; segment?: unknown } | undefined
    if (!body || typeof body !== 'object') return problem(400, 'Send JSON {"rules": {...}}')
    try {
      const result = await previewRules(
        req.payload,
        body.rules,
        body.segment == null ? null : String(body.segment),
        hasRole(req, 'admin'),
        req,
      )
      // Each problem in the admin's language at its machine place; the builder names the place its own way.
      return 'problems' in result
        ? json(400, {
            errors: result.problems.map((found) => ({
              ...(found.code ? { code: found.code } : {}),
              message: problemText(found, req),
              path: found.path,
            })),
          })
        : json(200, result)
    } catch (error) {
      return codedProblem(error)
    }
  },
  method: 'post',
  path: '/preview',
}

/** POST /api/segments/:id/import (text/csv, ?mode=replace): all rows valid or nothing stored. */
const importMembers: Endpoint = {
  handler: async (req) => {
    const denied = guard(req, true)
    if (denied) return denied
    const { error, segment } = await staticSegment(req)
    if (error) return error
    if (segment.kind !== 'static') return problem(400, 'Members can only be imported into a static segment')
    const text = (await req.text?.()) ?? ''
    if (!text.trim()) return problem(400, 'Send the CSV file as the request body (Content-Type: text/csv)')
    const { errors, ids } = await subscribersFromCsv(req.payload, text)
    if (errors.length) return json(422, { errors })
    const memberCount = await writeMembers(req.payload, String(segment.id), ids, {
      replace: req.searchParams.get('mode') === 'replace',
    })
    return json(200, { imported: ids.length, memberCount })
  },
  method: 'post',
  path: '/:id/import',
}

/** POST /api/segments/:id/freeze {name?}: a static copy of the members as of now. */
const freeze: Endpoint = {
  handler: async (req) => {
    const denied = guard(req)
    if (denied) return denied
    const body = (await req.json?.().catch(() => ({}))) as { name?: unknown } | undefined
    try {
      const frozen = await freezeSegment(
        req.payload,
        String(req.routeParams?.id ?? ''),
        { name: typeof body?.name === 'string' && body.name.trim() ? body.name.trim() : undefined },
        req,
      )
      return json(201, frozen)
    } catch (error) {
      return codedProblem(error)
    }
  },
  method: 'post',
  path: '/:id/freeze',
}

/** GET /api/segments/:id/export: members as CSV (id, email), read page by page. */
const exportMembers: Endpoint = {
  handler: async (req) => {
    const denied = guard(req, true)
    if (denied) return denied
    try {
      const { error, segment } = await staticSegment(req)
      if (error) return error
      const tree = asTree(String(segment.id))
      const env = await loadEnvironment(req.payload, tree, new Date(), req)
      const members: { email: string; id: number | string }[] = []
      for await (const page of allMembers(req.payload, tree, env, MEMBER_PAGE_SIZE, req)) {
        const { docs } = await req.payload.find({
          collection: 'subscribers',
          depth: 0,
          limit: 0,
          pagination: false,
          req,
          select: { email: true },
          sort: 'id',
          where: { id: { in: page } },
        })
        members.push(...docs)
      }
      return new Response(membersCsv(members), {
        headers: {
          'content-disposition': `attachment; filename="segment-${segment.id}.csv"`,
          'content-type': 'text/csv; charset=utf-8',
        },
      })
    } catch (error) {
      return codedProblem(error)
    }
  },
  method: 'get',
  path: '/:id/export',
}

export const segmentEndpoints: Endpoint[] = [preview, importMembers, freeze, exportMembers]
