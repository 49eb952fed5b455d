import type { Where } from 'payload'

/** Campaigns per page of the report: enough to compare, few enough that 20 reports are computed quickly. */
export const REPORT_PAGE_SIZE = 20

/** Automation filter values besides an automation's id. */
export const ONLY_SINGLE_CAMPAIGNS = 'none'

/**
 * What the report shows, read from its URL (`?q=&status=&automation=&page=&campaign=`), so that a
 * copied link opens the same view for a colleague. Unknown or malformed values fall back to "all".
 */
export type ReportQuery = {
  /** An automation's id, ONLY_SINGLE_CAMPAIGNS, or '' for every campaign. */
  automation: string
  /** The campaign whose detail is open ('' for none); reachable whatever page or filter is shown. */
  campaign: string
  page: number
  search: string
  status: string
}

type SearchParams = Record<string, string | string[] | undefined> | undefined

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? ''

/** An id as the databases make them (a number, a MongoDB ObjectId) or "none"; anything else is "all", never a query. */
const possibleAutomation = (value: string) =>
  /^(?:\d{1,15}|[0-9a-f]{24})$/.test(value) || value === ONLY_SINGLE_CAMPAIGNS ? value : ''

/** The view's state from Next's search params; `statuses` are the valid status values. */
export function parseReportQuery(params: SearchParams, statuses: readonly string[]): ReportQuery {
  const page = Number.parseInt(first(params?.page), 10)
  const status = first(params?.status)
  return {
    automation: possibleAutomation(first(params?.automation).trim()),
    campaign: first(params?.campaign).trim().slice(0, 64),
    page: Number.isSafeInteger(page) && page > 0 ? page : 1,
    search: first(params?.q).trim().slice(0, 200),
    status: statuses.includes(status) ? status : '',
  }
}

/** The Payload query for the listed campaigns: name contains the search, status and automation as filtered. */
export function reportWhere(query: ReportQuery): Where {
  const and: Where[] = []
  if (query.search) and.push({ name: { like: query.search } })
  if (query.status) and.push({ status: { equals: query.status } })
  if (query.automation === ONLY_SINGLE_CAMPAIGNS) and.push({ automation: { exists: false } })
  else if (query.automation) and.push({ automation: { equals: query.automation } })
  return and.length ? { and } : {}
}

/**
 * A link to the view with some of its state changed; the rest of the state is kept, empty values are left out.
 * Changing a filter starts again at page 1 (callers pass `page: 1`), so no link lands on a page that is empty.
 */
export function reportHref(query: ReportQuery, change: Partial<ReportQuery>): string {
  const next = { ...query, ...change }
  const params = new URLSearchParams()
  if (next.search) params.set('q', next.search)
  if (next.status) params.set('status', next.status)
  if (next.automation) params.set('automation', next.automation)
  if (next.page > 1) params.set('page', String(next.page))
  if (next.campaign) params.set('campaign', next.campaign)
  const text = params.toString()
  return text ? `?${text}` : '?'
}

/** The pages a pager offers: first, last, and two either side of the current one; `null` marks a gap. */
export function pagerPages(page: number, totalPages: number): (null | number)[] {
  const shown = new Set([1, totalPages, page - 2, page - 1, page, page + 1, page + 2])
  const pages = [...shown].filter((value) => value >= 1 && value <= totalPages).sort((a, b) => a - b)
  const result: (null | number)[] = []
  for (const [index, value] of pages.entries()) {
    if (index > 0 && value - pages[index - 1] > 1) result.push(null)
    result.push(value)
  }
  return result
}
