import type { Page } from 'playwright-core'

import axe from 'axe-core'

/** axe-core in the page (or in `root` of it): WCAG 2.1 A/AA violations, as rule ids with the offending elements. */
export async function wcagViolations(page: Page, root?: string): Promise<string[]> {
  // Evaluated as DevTools would, not as an inline <script>: the page's Content Security Policy forbids those.
  await page.evaluate(axe.source)
  const result = await page.evaluate(
    (selector) =>
      (window as unknown as { axe: typeof axe }).axe.run(selector ? document.querySelector(selector)! : document, {
        runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
      }),
    root ?? null,
  )
  return result.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  )
}
