import type { Page } from 'playwright-core'

import axe from 'axe-core'

/** axe-core on one part of the page (WCAG 2.1 A/AA), as rule ids with the offending elements. */
export async function wcagViolations(page: Page, selector: string): Promise<string[]> {
  // Evaluated as DevTools would, not as an inline <script>: the page's Content Security Policy forbids those.
  await page.evaluate(axe.source)
  const result = await page.evaluate(
    (root) =>
      (window as unknown as { axe: typeof axe }).axe.run(document.querySelector(root)!, {
        runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
      }),
    selector,
  )
  return result.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  )
}
