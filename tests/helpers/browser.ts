import { type Browser, chromium, type Page } from 'playwright-core'
import fs from 'node:fs'

/** Debian's Chromium (never a downloaded browser), headless, without background network chatter. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[]
  const found = candidates.find((candidate) => fs.existsSync(candidate))
  if (!found) throw new Error('Chromium not found: install Debian\'s chromium package (npm test does this as root) or set CHROMIUM_PATH')
  return found
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
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
