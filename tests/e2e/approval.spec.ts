import type { Payload } from 'payload'
import type { Browser, Page } from 'playwright-core'

import { buildConfig, getPayload } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'

import { appConfig } from '../../src/config/appConfig'
import { closeDatabase } from '../../src/database/close'
import { createAudience } from '../helpers/audience'
import { wcagViolations } from '../helpers/axeScan'
import { openGermanAdmin, screenshotIfFailed } from '../helpers/browser'
import { login, rest, type Session } from '../helpers/http'

const server = inject('servers').find((candidate) => candidate.kind === 'sqlite')!

/**
 * Issue 21 in the admin: the campaign's sidebar tells that a large send needs a second person's
 * approval, an approver approves the count shown there, and then sees who approved and when.
 */
describe('four-eyes approval in the campaign sidebar (Chromium, German)', () => {
  let local: Payload
  let browser: Browser
  let page: Page
  let admin: Session
  let campaignId: string
  const approverEmail = `freigabe-sidebar-${Date.now()}@example.com`
  const panel = () => page.locator('.campaign-controls__approval')

  beforeAll(async () => {
    process.env.DATA_DIR = server.dataDir
    local = await getPayload({
      config: await buildConfig(appConfig({ databaseUri: server.databaseUri })),
      key: `approval-e2e-${server.databaseUri}`,
    })
    const { segment } = await createAudience(local, { count: 1_001, prefix: `sidebar-${Date.now()}-` })
    admin = await login(server.url, 'admin@example.com', 'admin-demo-2026')
    const editor = await login(server.url, 'editor@example.com', 'editor-demo-2026')
    const approver = await rest(server.url, admin, 'POST', '/users', {
      email: approverEmail,
      password: 'freigabe-2026!',
      role: 'approver',
    })
    expect(approver.status).toBe(201)
    const newsletter = (await rest(server.url, admin, 'GET', '/newsletters?where[slug][equals]=wochen-update&depth=0'))
      .body.docs[0].id
    const created = await rest(server.url, editor, 'POST', '/campaigns', {
      audience: Number(segment),
      channel: 'email',
      name: `Freigabe im Browser ${Date.now()}`,
      newsletter,
    })
    expect(created.status).toBe(201)
    campaignId = String(created.body.doc.id)
    ;({ browser, page } = await openGermanAdmin(server.url, approverEmail, 'freigabe-2026!'))
  }, 120_000)
  afterEach((test) => screenshotIfFailed(page, test))
  afterAll(async () => {
    await browser?.close()
    if (local) await closeDatabase(local)
  })

  it('shows that approval is needed, lets an approver approve the count shown, and names who approved', async () => {
    await page.goto(`/admin/collections/campaigns/${campaignId}`)
    await expect.poll(() => panel().textContent(), { timeout: 20_000 }).toContain('Mehr als 1.000 Empfänger')
    expect(await wcagViolations(page, '.campaign-controls')).toEqual([])
    await panel().getByRole('button', { name: 'Freigeben (1.001 Empfänger)' }).click()
    await expect.poll(() => panel().textContent(), { timeout: 20_000 }).toContain(`Freigegeben von ${approverEmail}`)
    const stored = (await rest(server.url, admin, 'GET', `/campaigns/${campaignId}?depth=0`)).body
    expect(stored.approval.recipients).toBe(1_001)
  })
})
