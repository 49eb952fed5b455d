import { describe, expect, inject, it } from 'vitest'

import { anonymous, graphql, login, rest } from '../helpers/http'
import { signedToken, trackingLinks } from '../helpers/links'
import { signUpAndConfirm as signUp } from '../helpers/signup'
import { query } from '../helpers/sql'

const servers = inject('servers')
const mailDir = inject('mailDir')
const signUpAndConfirm = (url: string, email: string, firstName: string) => signUp(url, mailDir, email, firstName)

describe.each(servers)("an erased person's links never reach anyone else ($kind)", (server) => {
  const { url } = server

  it("answers every old link of an erased subscriber like a forged one, and never shows the next subscriber's data", async () => {
    const stamp = Date.now()
    const anna = `anna-${server.kind}-${stamp}@example.com`
    const bernd = `bernd-${server.kind}-${stamp}@example.com`

    const preferences = await signUpAndConfirm(url, anna, 'Anna')
    const page = await (await fetch(`${url}/preferences?token=${encodeURIComponent(preferences)}`)).text()
    expect(page).toContain(anna)
    const [{ id: annaId }] = await query(server.databaseUri, 'SELECT id FROM subscribers WHERE email = ?', [anna])
    // What her mails carried: an unsubscribe link, a personalized page, tracking links.
    const unsubscribe = await signedToken(server, String(annaId), 'unsubscribe')
    const personalize = await signedToken(server, String(annaId), 'personalize')
    const tracking = await trackingLinks(server, String(annaId))

    // Anna erases herself in the preference center.
    const erased = await fetch(`${url}/preferences/delete`, {
      body: new URLSearchParams({ token: preferences }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      method: 'POST',
    })
    expect([erased.status, await erased.text()]).toEqual([200, expect.stringContaining('Ihre Daten sind gelöscht.')])

    // Bernd signs up next: a new id, never Anna's.
    await signUpAndConfirm(url, bernd, 'Bernd')
    const [{ id: berndId }] = await query(server.databaseUri, 'SELECT id FROM subscribers WHERE email = ?', [bernd])
    expect(Number(berndId)).toBeGreaterThan(Number(annaId))

    const forged = await fetch(`${url}/preferences?token=v1.e30.AAAA`)
    const neutral = await forged.text()
    expect(forged.status).toBe(400)
    const answers = [
      await fetch(`${url}/preferences?token=${encodeURIComponent(preferences)}`),
      await fetch(`${url}/preferences/export?token=${encodeURIComponent(preferences)}`),
      await fetch(`${url}/preferences/data?token=${encodeURIComponent(preferences)}`),
      await fetch(`${url}/preferences/delete?token=${encodeURIComponent(preferences)}`),
      await fetch(`${url}/unsubscribe?token=${encodeURIComponent(unsubscribe)}`, {
        body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        method: 'POST',
      }),
    ]
    for (const answer of answers) {
      const body = await answer.text()
      expect(answer.status).toBe(400)
      expect(body).toBe(neutral)
      expect(body).not.toContain(bernd)
    }
    for (const operation of [
      `{ preferences(token: ${JSON.stringify(preferences)}) { email } }`,
      `{ personalizedLandingPage(slug: "fuer-sie", token: ${JSON.stringify(personalize)}) { html } }`,
      `mutation { unsubscribe(token: ${JSON.stringify(unsubscribe)}) { ok } }`,
    ]) {
      const result = await graphql(url, anonymous, operation)
      expect(result.errors?.[0].extensions?.code, operation).toBe('INVALID_TOKEN')
      expect(JSON.stringify(result)).not.toContain(bernd)
    }

    // Her tracking link still leads where it pointed, but records nothing for anyone.
    const click = await fetch(tracking.click, { redirect: 'manual' })
    expect(click.status).toBe(302)
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect(
      await query(
        server.databaseUri,
        "SELECT id FROM events WHERE type = 'email_clicked' AND subscriber_id IN (?, ?)",
        [Number(annaId), Number(berndId)],
      ),
    ).toEqual([])
  })

  it('lets an admin erase a subscriber with history over REST: 200, and nothing names them any more', async () => {
    const admin = await login(url, 'admin@example.com', 'admin-demo-2026')
    const [row] = await query(
      server.databaseUri,
      'SELECT s.id, s.email FROM subscribers s WHERE EXISTS (SELECT 1 FROM score_hits h WHERE h.subscriber_id = s.id) AND EXISTS (SELECT 1 FROM consent_records c WHERE c.subscriber_id = s.id) ORDER BY s.id LIMIT 1',
    )
    expect(row).toBeDefined()
    const removed = await rest(url, admin, 'DELETE', `/subscribers/${row.id}`)
    expect(removed.status).toBe(200)
    for (const table of [
      'events',
      'score_hits',
      'lead_scores',
      'consent_records',
      'segment_members',
      'campaign_sends',
      'automation_runs',
    ]) {
      expect(
        await query(server.databaseUri, `SELECT 1 FROM ${table} WHERE subscriber_id = ?`, [Number(row.id)]),
        table,
      ).toEqual([])
    }
  })
})
