import type { Payload, PayloadRequest } from 'payload'

import { CodedError, isPossibleId, writeAtomically } from '@kontorwerk/personalization'

import type { Rule, RuleGroup, RuleProblem } from '../rules/types'

import { SEGMENT_MEMBERS } from '../collections/SegmentMembers'
import { MEMBER_PAGE_SIZE } from '../defaults'
import { isSegmentInvalid } from '../errors'
import { loadEnvironment } from '../evaluation/environment'
import { loadFacts } from '../evaluation/facts'
import { evaluate } from '../evaluation/matches'
import { allMembers, countMembers, memberIds } from '../evaluation/members'
import { checkRules } from '../rules/checkRules'
import { usesPersonalData } from '../rules/personalData'

/** A stored segment as one tree ("member of segment X"), so dynamic and static ones evaluate alike. */
export const asTree = (id: string): RuleGroup => ({
  combinator: 'and',
  rules: [{ field: 'segment', operator: 'in', value: id } as Rule],
})

async function segmentTree(
  payload: Payload,
  id: number | string,
  req?: PayloadRequest,
): Promise<{ name: string; tree: RuleGroup }> {
  const key = String(id)
  const doc = isPossibleId(payload, key)
    ? await payload.findByID({ id: key, collection: 'segments', depth: 0, disableErrors: true, req })
    : null
  if (!doc) throw new CodedError('NOT_FOUND', `Segment ${key} not found`)
  return { name: doc.name, tree: asTree(String(doc.id)) }
}

/** Members of a stored segment (dynamic: now, or at `at`). */
export async function segmentCount(
  payload: Payload,
  id: number | string,
  at = new Date(),
  req?: PayloadRequest,
): Promise<number> {
  const { tree } = await segmentTree(payload, id, req)
  return countMembers(payload, tree, await loadEnvironment(payload, tree, at, req), req)
}

export async function segmentMemberPage(
  payload: Payload,
  id: number | string,
  { limit, page }: { limit: number; page: number },
  at = new Date(),
  req?: PayloadRequest,
) {
  const { tree } = await segmentTree(payload, id, req)
  const env = await loadEnvironment(payload, tree, at, req)
  const [total, ids] = await Promise.all([
    countMembers(payload, tree, env, req),
    memberIds(payload, tree, env, { limit, offset: (page - 1) * limit }, req),
  ])
  return { ids, total }
}

/** The engine's question at render time: is this subscriber in this segment? */
export async function matches(
  payload: Payload,
  subscriberId: number | string,
  segmentId: number | string,
  at = new Date(),
  req?: PayloadRequest,
): Promise<boolean> {
  return (await segmentsOf(payload, subscriberId, [segmentId], at, req)).has(String(segmentId))
}

/**
 * Which of these segments the subscriber belongs to, with one read of their facts. Named segments
 * must be valid (a broken one is an error); asked about all of them, a segment whose rules went out
 * of date is left out and logged, so it cannot hide the subscriber's other segments.
 */
export async function segmentsOf(
  payload: Payload,
  subscriberId: number | string,
  segmentIds: (number | string)[] | null,
  at = new Date(),
  req?: PayloadRequest,
): Promise<Set<string>> {
  if (segmentIds) return membershipsIn(payload, subscriberId, segmentIds.map(String), at, req)
  const ids = (
    await payload.find({ collection: 'segments', depth: 0, limit: 0, pagination: false, req, select: {} })
  ).docs.map((doc) => String(doc.id))
  try {
    return await membershipsIn(payload, subscriberId, ids, at, req)
  } catch (error) {
    if (!isSegmentInvalid(error)) throw error
  }
  const member = new Set<string>()
  for (const id of ids) {
    try {
      if ((await membershipsIn(payload, subscriberId, [id], at, req)).has(id)) member.add(id)
    } catch (error) {
      if (!isSegmentInvalid(error)) throw error
      payload.logger.warn(`Segment ${id} skipped: ${error.message}`)
    }
  }
  return member
}

async function membershipsIn(
  payload: Payload,
  subscriberId: number | string,
  ids: string[],
  at: Date,
  req?: PayloadRequest,
): Promise<Set<string>> {
  return (await segmentsOfMany(payload, [String(subscriberId)], ids, at, req)).get(String(subscriberId)) ?? new Set()
}

/** The same question for a batch of subscribers (a campaign's), with one bulk read of their facts. */
export async function segmentsOfMany(
  payload: Payload,
  subscriberIds: string[],
  ids: string[],
  at = new Date(),
  req?: PayloadRequest,
): Promise<Map<string, Set<string>>> {
  const memberships = new Map<string, Set<string>>()
  if (!ids.length || !subscriberIds.length) return memberships
  const all: RuleGroup = { combinator: 'or', rules: ids.map((id) => asTree(id).rules[0]) }
  const env = await loadEnvironment(payload, all, at, req)
  for (const facts of await loadFacts(payload, subscriberIds, all, env, req)) {
    memberships.set(facts.id, new Set(ids.filter((id) => evaluate(asTree(id), facts, env))))
  }
  return memberships
}

/**
 * The engine's question for slots reserved for segments (pages and campaign batches alike). A
 * segment whose rules went out of date (e.g. an interest was deleted) keeps its slots closed,
 * logged, and the page or mail still goes out.
 */
export async function slotMemberships(
  payload: Payload,
  subscriberIds: string[],
  ids: string[],
  at: Date,
  req?: PayloadRequest,
): Promise<Map<string, Set<string>>> {
  try {
    return await segmentsOfMany(payload, subscriberIds, ids, at, req)
  } catch (error) {
    if (!isSegmentInvalid(error)) throw error
    payload.logger.warn(`Slots reserved for segments ${ids.join(', ')} show their fallback: ${error.message}`)
    return new Map()
  }
}

/** Of these ids, the ones that name no segment. */
export async function unknownSegments(payload: Payload, ids: string[], req?: PayloadRequest): Promise<string[]> {
  const possible = ids.filter((id) => isPossibleId(payload, id))
  const found = possible.length
    ? (
        await payload.find({
          collection: 'segments',
          depth: 0,
          limit: possible.length,
          pagination: false,
          req,
          select: {},
          where: { id: { in: possible } },
        })
      ).docs.map((doc) => String(doc.id))
    : []
  return ids.filter((id) => !found.includes(id))
}

/**
 * A campaign's recipients: members of `include` who are in none of `exclude`, in id order, page by
 * page (one query per page on SQL; the tree is the same one segments are built from).
 */
export async function* audienceMembers(
  payload: Payload,
  include: string,
  exclude: string[],
  at = new Date(),
  pageSize = MEMBER_PAGE_SIZE,
): AsyncGenerator<string[]> {
  const rules: RuleGroup['rules'] = [asTree(include).rules[0]]
  if (exclude.length) rules.push({ combinator: 'or', not: true, rules: exclude.map((id) => asTree(id).rules[0]) })
  const tree: RuleGroup = { combinator: 'and', rules }
  yield* allMembers(payload, tree, await loadEnvironment(payload, tree, at), pageSize)
}

/** `sampleWithheld`: the tree selects by personal data, and the caller may not see who that picks. */
export type Preview = { count: number; sample: { email?: string; id: string }[]; sampleWithheld?: true }

/**
 * The builder's live check: problems with their places, or the count and a sample of members.
 * Admins see the sample's emails. Editors see member ids, except for a tree that selects by
 * personal data (an admin's, which they may only keep as it is): its count is the admin's
 * aggregate, but each id in the sample would say what that person's personal data is.
 */
export async function previewRules(
  payload: Payload,
  input: unknown,
  selfId: null | string,
  withEmails: boolean,
  req?: PayloadRequest,
): Promise<Preview | { problems: RuleProblem[] }> {
  const stored =
    req && selfId && isPossibleId(payload, selfId)
      ? await payload.findByID({ id: selfId, collection: 'segments', depth: 0, disableErrors: true, req })
      : null
  const parsed = await checkRules(payload, input, { previous: stored?.rules, req, selfId })
  if (!parsed.tree) return { problems: parsed.problems }
  const env = await loadEnvironment(payload, parsed.tree, new Date(), req)
  const withheld = !withEmails && (await usesPersonalData(payload, parsed.tree, req))
  const [count, ids] = await Promise.all([
    countMembers(payload, parsed.tree, env, req),
    withheld ? [] : memberIds(payload, parsed.tree, env, { limit: 10 }, req),
  ])
  if (withheld) return { count, sample: [], sampleWithheld: true }
  if (!withEmails || !ids.length) return { count, sample: ids.map((id) => ({ id })) }
  const { docs } = await payload.find({
    collection: 'subscribers',
    depth: 0,
    limit: ids.length,
    pagination: false,
    req,
    select: { email: true },
    sort: 'id',
    where: { id: { in: ids } },
  })
  return { count, sample: docs.map((doc) => ({ email: doc.email, id: String(doc.id) })) }
}

const memberRows = (segment: string, subscribers: string[], idOf: (key: string) => number | string) =>
  subscribers.map((subscriber) => ({
    memberKey: `${segment}:${subscriber}`,
    segment: idOf(segment),
    subscriber: idOf(subscriber),
  }))

/**
 * Stores a static segment's members, all or nothing; `replace` drops the old list in the same
 * transaction. Rows are keyed by segment and subscriber, so a repeated write adds nobody twice.
 * Returns the list's size afterwards.
 */
export async function writeMembers(
  payload: Payload,
  segment: string,
  subscribers: string[],
  { replace }: { replace: boolean },
): Promise<number> {
  const idOf = (key: string) => (payload.db.defaultIDType === 'number' ? Number(key) : key)
  await writeAtomically(payload, {
    deletes: replace ? [{ collection: SEGMENT_MEMBERS, field: 'segment', value: idOf(segment) }] : [],
    inserts: [
      {
        collection: SEGMENT_MEMBERS,
        conflictKey: 'memberKey',
        docs: memberRows(segment, [...new Set(subscribers)], idOf),
        ignoreConflicts: true,
      },
    ],
  })
  return (
    await payload.count({ collection: SEGMENT_MEMBERS as 'segment-members', where: { segment: { equals: segment } } })
  ).totalDocs
}

/**
 * Freezes a segment's members at a moment into a new static segment (a campaign's audience).
 * The new segment carries `frozenAt` only once every member is written: a list without it after
 * a crash is recognisable, and campaigns take only frozen lists (`frozenAt` set) as audiences.
 */
export async function freezeSegment(
  payload: Payload,
  id: number | string,
  { at = new Date(), name }: { at?: Date; name?: string } = {},
  req?: PayloadRequest,
) {
  const source = await segmentTree(payload, id, req)
  const env = await loadEnvironment(payload, source.tree, at, req)
  const members: string[] = []
  for await (const page of allMembers(payload, source.tree, env, MEMBER_PAGE_SIZE, req)) members.push(...page)
  const frozen = await payload.create({
    collection: 'segments',
    data: { kind: 'static', name: name ?? `${source.name} (${at.toISOString().slice(0, 16).replace('T', ' ')} UTC)` },
    req,
  })
  const key = String(frozen.id)
  try {
    await writeMembers(payload, key, members, { replace: true })
    await writeAtomically(payload, {
      updates: [
        {
          collection: 'segments',
          data: { frozenAt: at, frozenFrom: payload.db.defaultIDType === 'number' ? Number(id) : String(id) },
          id: key,
        },
      ],
    })
  } catch (error) {
    // No half-frozen audience is left behind (a crash right here still leaves it without `frozenAt`).
    await payload.delete({ id: key, collection: 'segments', req }).catch(() => undefined)
    throw error
  }
  return { id: key, memberCount: members.length, name: frozen.name }
}
