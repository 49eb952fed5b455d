import fs from 'node:fs'
import { type Browser, chromium, type Locator, type Page } from 'playwright-core'
import { expect } from 'vitest'

/** Debian's Chromium (never a downloaded browser), headless, without background network chatter. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    Boolean,
  ) as string[]
  const found = candidates.find((candidate) => fs.existsSync(candidate))
  if (!found)
    throw new Error(
      "Chromium not found: install Debian's chromium package (npm test does this as root) or set CHROMIUM_PATH",
    )
  return found
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    executablePath: chromiumPath(),
    headless: true,
  })
}

export async function logIntoAdmin(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/admin/login')
  await page.fill('#field-email', email)
  await page.fill('#field-password', password)
  await page.click('button[type=submit]')
  await page.waitForURL(/\/admin$/)
}

/** A fresh browser with a German admin page, logged in as the given account. */
export async function openGermanAdmin(
  baseURL: string,
  email: string,
  password: string,
): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchChromium()
  const page = await (
    await browser.newContext({ baseURL, locale: 'de-DE', viewport: { height: 1200, width: 1440 } })
  ).newPage()
  hydrateOnGoto(page)
  await logIntoAdmin(page, email, password)
  return { browser, page }
}

/**
 * Makes `page.goto` return only once React has hydrated the page: Next.js streams the admin's HTML
 * before its scripts attach the event handlers, and on a busy machine a click in that gap is lost
 * (an "add row" that adds nothing). Hydrated elements carry React's `__reactProps$…` key; clicks
 * inside Suspense boundaries that hydrate later are replayed by React itself.
 */
export function hydrateOnGoto(page: Page): void {
  const goto = page.goto.bind(page)
  page.goto = async (url, options) => {
    const response = await goto(url, options)
    await page.waitForFunction(() => Object.keys(document.body).some((key) => key.startsWith('__reactProps$')))
    return response
  }
}

/**
 * Clicks once React has hydrated the element. Server-rendered admin pages show their buttons before
 * their handlers are attached; on a busy machine a click in that gap is silently lost.
 */
export async function clickHydrated(locator: Locator): Promise<void> {
  await locator.waitFor()
  await expect
    .poll(() => locator.evaluate((element) => Object.keys(element).some((key) => key.startsWith('__reactProps$'))))
    .toBe(true)
  await locator.click()
}

/** Opens a react-select (relationship field or filter row) inside `container`, types to search and picks the match. */
export async function chooseOption(page: Page, container: Locator, text: string): Promise<void> {
  await clickHydrated(container.locator('.rs__control'))
  await page.keyboard.type(text)
  await page.locator('.rs__option', { hasText: text }).first().click()
}

/** For afterEach: a full-page screenshot of a failed test under test-results/, named after it. */
export async function screenshotIfFailed(
  page: Page | undefined,
  test: { task: { name: string; result?: { state?: string } } },
): Promise<void> {
  if (!page || test.task.result?.state !== 'fail') return
  fs.mkdirSync('test-results', { recursive: true })
  await page.screenshot({ fullPage: true, path: `test-results/${test.task.name.replace(/\W+/g, '-')}.png` })
}
