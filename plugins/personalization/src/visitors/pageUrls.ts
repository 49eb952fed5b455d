/**
 * Editors' URL→interest rules (the `pageUrls` of an interest): a path such as `/ratgeber/betrug`
 * counts for itself and everything below it (`/ratgeber/betrug/phishing`, not `/ratgeber/betrugsfall`);
 * `*` stands for exactly one path segment (`/blog/*\/zahlungen`). Hosts are ignored on purpose:
 * the same article on www. and on a campaign domain means the same interest.
 */
const PATH = /^\/[^\s?#]*$/

export const isPagePath = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= 300 && PATH.test(value)

/** Trailing slashes and letter case do not change which page it is. */
const segmentsOf = (path: string) =>
  path
    .toLowerCase()
    .split('/')
    .filter((segment) => segment !== '')

/** Whether the page at `url` (absolute or a path) lies at or below `pattern`. */
export function pathMatches(pattern: string, url: string): boolean {
  const wanted = segmentsOf(pattern)
  const actual = segmentsOf(pathOf(url))
  if (actual.length < wanted.length) return false
  return wanted.every((segment, index) => segment === '*' || segment === actual[index])
}

/** The path of a page URL, decoded; an unreadable URL has the path "" (it matches no rule). */
export function pathOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url, 'http://page.invalid').pathname)
  } catch {
    return ''
  }
}

export type PageRule = { interest: string; path: string }

/** The interests (ids) whose rules the page matches. */
export const interestsOfPage = (rules: PageRule[], url: string): string[] => [
  ...new Set(rules.filter((rule) => pathMatches(rule.path, url)).map((rule) => rule.interest)),
]
