import type { Payload, PayloadRequest } from 'payload'

import { CodedError } from '../../errors'
import { extensionsOf } from '../../extensions'

/**
 * Who of these subscribers belongs to which of the segments slots are reserved for, answered by
 * the segments plugin (which also decides what a segment out of date means). Without the plugin,
 * nobody belongs to any segment: reserved slots show their fallback.
 */
export async function segmentMemberships(
  payload: Payload,
  subscribers: string[],
  segments: string[],
  at: Date,
  req?: PayloadRequest,
): Promise<Map<string, Set<string>>> {
  const membership = extensionsOf(payload).segmentMembership
  if (!segments.length || !subscribers.length || !membership) return new Map()
  return membership.membersOf(payload, subscribers, segments, at, req)
}

/** Segment ids a client names must exist, whoever reads (an anonymous reader would otherwise never notice a typo). */
export async function requireSegments(req: PayloadRequest, ids: string[]): Promise<void> {
  if (!ids.length) return
  const membership = extensionsOf(req.payload).segmentMembership
  const unknown = membership ? await membership.unknown(req.payload, ids, req) : ids
  if (unknown.length) throw new CodedError('BAD_USER_INPUT', `Unknown segment ${unknown.join(', ')}`)
}
