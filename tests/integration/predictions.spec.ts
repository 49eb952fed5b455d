import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { login, rest, type Session } from '../helpers/http'
import { mailsTo } from '../helpers/mailbox'
import { signUpAndConfirm } from '../helpers/signup'

const servers = inject('servers')
const mailDir = inject('mailDir')

type Id = number | string
const DAY = 86_400_000

/**
 * Issue 19's story over HTTP against the production server: a shop posts its order history to
 * `POST /api/events`, an admin refits the purchase model, a segment "P(alive) < 0.3" holds exactly
 * the customers who stopped buying, and the win-back automation on that segment mails them through
 * the real SMTP server — nobody else.
 */
describe.each(servers)('purchase prediction to win-back mail ($kind)', (server) => {
  const { url } = server
  const stamp = `${server.kind}-${Date.now()}`
  const domain = `winback-${stamp}.example`
  let admin: Session
  const created: { collection: string; id: Id }[] = []
  let budgetBefore: Record<string, unknown>

  async function create(collection: string, data: Record<string, unknown>) {
    const { body, status } = await rest(url, admin, 'POST', `/${collection}`, data)
    expect([status, body?.errors]).toEqual([201, undefined])
    created.push({ collection, id: body.doc.id })
    return body.doc as { id: Id } & Record<string, any>
  }

  /** Purchase events `daysAgo` days back, posted as the shop's backfill in one request. */
  const purchases = (email: string, daysAgo: number[]) =>
    daysAgo.map((days, index) => ({
      email,
      id: `order-${email}-${index}`,
      occurredAt: new Date(Date.now() - days * DAY).toISOString(),
      properties: { amount: 49 + index, currency: 'EUR', product: 'lohn-modul' },
      type: 'purchase',
    }))
  const monthly = Array.from({ length: 12 }, (_, index) => 10 + 30 * index)
  // Six purchases within six weeks, then more than a year of silence.
  const lapsedPattern = [400, 392, 384, 376, 368, 360]

  const lapsed = ['Lena', 'Max', 'Nora', 'Olaf'].map((name) => `${name.toLowerCase()}@${domain}`)
  const loyal = ['Paula', 'Quentin'].map((name) => `${name.toLowerCase()}@${domain}`)

  beforeAll(async () => {
    admin = await login(url, 'admin@example.com', 'admin-demo-2026')
    budgetBefore = (await rest(url, admin, 'GET', '/globals/contact-budget')).body
    // State-trigger mails wait out the quiet hours; this story must not depend on the hour the suite runs.
    const open = await rest(url, admin, 'POST', '/globals/contact-budget', {
      quietHours: { from: '00:00', until: '00:00' },
    })
    expect(open.status).toBe(200)
    for (const email of [...lapsed, ...loyal]) await signUpAndConfirm(url, mailDir, email, email.split('@')[0])
    // Fifty more regular buyers without marketing consent: the fit needs a population.
    for (let index = 0; index < 50; index++) await create('subscribers', { email: `kunde-${index}@${domain}` })
  })

  afterAll(async () => {
    await rest(url, admin, 'POST', '/globals/contact-budget', { quietHours: budgetBefore.quietHours })
    for (const { collection, id } of created.reverse()) await rest(url, admin, 'DELETE', `/${collection}/${id}`)
  })

  it('refits on the posted history and mails the win-back to exactly the customers who stopped buying', async () => {
    const events = [
      ...lapsed.flatMap((email) => purchases(email, lapsedPattern)),
      ...loyal.flatMap((email) => purchases(email, monthly)),
      ...Array.from({ length: 50 }, (_, index) =>
        purchases(`kunde-${index}@${domain}`, index % 2 ? monthly : [200, 120, 45]),
      ).flat(),
    ]
    const posted = await rest(url, admin, 'POST', '/events', { events })
    expect([posted.status, posted.body.rejected]).toEqual([200, 0])

    // Editors may not refit; admins may.
    const editor = await login(url, 'editor@example.com', 'editor-demo-2026')
    expect((await rest(url, editor, 'POST', '/purchase-models/refit')).status).toBe(403)
    const refit = await rest(url, admin, 'POST', '/purchase-models/refit')
    expect([refit.status, refit.body.status]).toEqual([200, 'fitted'])
    created.push({ collection: 'purchase-models', id: refit.body.model.id })

    const lena = (await rest(url, admin, 'GET', `/subscribers?where[email][equals]=${lapsed[0]}&depth=0`)).body.docs[0]
    expect(lena.prediction).toMatchObject({ repeatPurchases: 5, recencyWeeks: expect.closeTo(40 / 7, 1) })
    expect(lena.prediction.probabilityAlive).toBeLessThan(0.3)
    const paula = (await rest(url, admin, 'GET', `/subscribers?where[email][equals]=${loyal[0]}&depth=0`)).body.docs[0]
    expect(paula.prediction.probabilityAlive).toBeGreaterThan(0.5)

    const segment = await create('segments', {
      kind: 'dynamic',
      name: `Abwanderung ${stamp}`,
      rules: {
        combinator: 'and',
        rules: [
          { field: 'probabilityAlive', operator: '<', value: 0.3 },
          { field: 'emailDomain', operator: '=', value: domain },
        ],
      },
    })
    const exported = await fetch(`${url}/api/segments/${segment.id}/export`, { headers: admin.headers })
    const members = [...(await exported.text()).matchAll(/[\w.-]+@[\w.-]+/g)].map(([email]) => email).sort()
    expect(members).toEqual([...lapsed].sort())

    const newsletter = (await rest(url, admin, 'GET', '/newsletters?where[slug][equals]=wochen-update&depth=0')).body
      .docs[0].id
    const topic = (await rest(url, admin, 'GET', '/topics?where[slug][equals]=wochen-update&depth=0')).body.docs[0].id
    const before = Object.fromEntries([...lapsed, ...loyal].map((email) => [email, mailsTo(mailDir, email).length]))
    const automation = await create('automations', {
      active: true,
      cooldownMinutes: 0,
      name: `Win-back ${stamp}`,
      segment: segment.id,
      steps: [{ newsletter, type: 'send' }],
      topic,
      trigger: 'segment_entry',
    })
    try {
      // The next refit enrols the segment's members at once (no wait for the ten-minute sweep).
      expect((await rest(url, admin, 'POST', '/purchase-models/refit')).status).toBe(200)
      for (const email of lapsed)
        await expect.poll(() => mailsTo(mailDir, email).length, { timeout: 90_000 }).toBe(before[email] + 1)
      for (const email of loyal) expect(mailsTo(mailDir, email)).toHaveLength(before[email])
    } finally {
      await rest(url, admin, 'PATCH', `/automations/${automation.id}`, { active: false })
    }
  })
})
