import { describe, expect, inject, it } from 'vitest'

import { trackingLinks } from '../helpers/links'
import { query } from '../helpers/sql'

const servers = inject('servers')

describe.each(servers)('tracking links cannot be replayed to inflate clicks ($kind)', (server) => {
  it('counts a click token fetched again and again within a minute once', async () => {
    const [consent] = await query(
      server.databaseUri,
      "SELECT subscriber_id FROM consent_records WHERE purpose = 'tracking' AND action = 'confirmed' ORDER BY id LIMIT 1",
    )
    const subscriber = String(consent.subscriber_id)
    const message = `replay-${Date.now()}`
    const links = await trackingLinks(server, subscriber, message)
    const clicks = () =>
      query(
        server.databaseUri,
        "SELECT id FROM events WHERE type = 'email_clicked' AND subscriber_id = ? AND CAST(properties AS TEXT) LIKE ?",
        [Number(subscriber), `%${message}%`],
      )

    for (let replay = 0; replay < 5; replay++)
      expect((await fetch(links.click, { redirect: 'manual' })).status).toBe(302)
    await expect.poll(async () => (await clicks()).length).toBe(1)
    // Give the recordings behind the redirects time to land: still one.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(await clicks()).toHaveLength(1)
  })
})
