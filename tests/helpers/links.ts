import fs from 'node:fs'
import path from 'node:path'

import type { TokenPurpose } from '@kontorwerk/personalization'

import { query } from './sql'

/** Signs as the server does: with its secret (generated into its data directory). */
const serverSigner = (dataDir: string) => ({
  config: { secret: fs.readFileSync(path.join(dataDir, '.payload-secret'), 'utf8').trim() },
})

/** A subscriber as a link signer needs them: id and link key, read from the server's database. */
export async function linkSubject(server: { databaseUri: string }, subscriberId: number | string) {
  const [row] = await query(server.databaseUri, 'SELECT link_key FROM subscribers WHERE id = ?', [Number(subscriberId)])
  return { id: subscriberId, linkKey: (row?.link_key as null | string | undefined) ?? null }
}

/** A signed subscriber link token exactly as the server would mail it (the subscriber's current link key). */
export async function signedToken(
  server: { databaseUri: string; dataDir: string },
  subscriberId: number | string,
  purpose: TokenPurpose,
  ttlSeconds = 3600,
) {
  const { signSubscriberToken } = await import('@kontorwerk/personalization')
  return signSubscriberToken(serverSigner(server.dataDir), await linkSubject(server, subscriberId), purpose, ttlSeconds)
}

/** Tracking links (click and open) for a subscriber, signed as a campaign mail would carry them. */
export async function trackingLinks(
  server: { databaseUri: string; dataDir: string; url: string },
  subscriberId: number | string,
  message = `m-${Date.now()}`,
) {
  const { withTracking } = await import('@kontorwerk/personalization')
  const html = withTracking(
    serverSigner(server.dataDir),
    '<div class="block block-7"><a href="https://kontorwerk.example/e-rechnung?utm=x&amp;a=1">Mehr</a></div></body>',
    { baseUrl: server.url, message, subscriber: await linkSubject(server, subscriberId) },
  )
  return { click: html.match(/href="([^"]+)"/)![1], open: html.match(/src="([^"]+)"/)![1] }
}

/** A mail's link as the click redirect a tracked campaign mail wraps it in (signed for this subscriber). */
export async function trackedLink(
  server: { databaseUri: string; dataDir: string; url: string },
  subscriberId: number | string,
  target: string,
) {
  const { withTracking } = await import('@kontorwerk/personalization')
  const html = withTracking(serverSigner(server.dataDir), `<a href="${target.replaceAll('&', '&amp;')}">CTA</a>`, {
    baseUrl: server.url,
    message: `m-${Date.now()}`,
    subscriber: await linkSubject(server, subscriberId),
  })
  return html.match(/href="([^"]+)"/)![1]
}
