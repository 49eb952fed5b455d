import fs from 'node:fs'
import path from 'node:path'

import type { TokenPurpose } from '@kontorwerk/personalization'

import { query } from './sql'

/** The server's signing secret (generated into its data directory), for signing links as the server does. */
function useServerSecret(dataDir: string) {
  process.env.PAYLOAD_SECRET = fs.readFileSync(path.join(dataDir, '.payload-secret'), 'utf8').trim()
}

/** A subscriber as a link signer needs them: id and link key, read from the server's database. */
export async function linkSubject(server: { databaseUri: string }, subscriberId: number | string) {
  const [row] = await query(server.databaseUri, 'SELECT link_key FROM subscribers WHERE id = ?', [Number(subscriberId)])
  return { id: subscriberId, linkKey: (row?.link_key as null | string | undefined) ?? null }
}

/** A signed subscriber link token exactly as the server would mail it (the subscriber's current link key). */
export async function signedToken(server: { databaseUri: string; dataDir: string }, subscriberId: number | string, purpose: TokenPurpose, ttlSeconds = 3600) {
  useServerSecret(server.dataDir)
  const { signSubscriberToken } = await import('../../plugins/personalization/src/security/subscriberToken')
  return signSubscriberToken(await linkSubject(server, subscriberId), purpose, ttlSeconds)
}

/** Tracking links (click and open) for a subscriber, signed as a campaign mail would carry them. */
export async function trackingLinks(server: { databaseUri: string; dataDir: string; url: string }, subscriberId: number | string, message = `m-${Date.now()}`) {
  useServerSecret(server.dataDir)
  const { withTracking } = await import('../../plugins/personalization/src/tracking/links')
  const html = withTracking('<div class="block block-7"><a href="https://kontorwerk.example/e-rechnung?utm=x&amp;a=1">Mehr</a></div></body>', { baseUrl: server.url, message, subscriber: await linkSubject(server, subscriberId) })
  return { click: html.match(/href="([^"]+)"/)![1], open: html.match(/src="([^"]+)"/)![1] }
}
