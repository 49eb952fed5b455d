import type { CollectionConfig, Payload, Plugin } from 'payload'

import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildConfig, getPayload, handleEndpoints } from 'payload'

import { closeDatabase } from '../../src/database/close'
import { smtpAdapter } from '../../src/email/smtpAdapter'

export type StockPayload = {
  /** A request as a stock Payload app's Next route `/api/[...slug]` hands it to Payload's REST handler. */
  call: (url: string, init?: RequestInit) => Promise<Response>
  close: () => Promise<void>
  payload: Payload
}

/** The host's own collections; its staff named unlike the reference app's users (the plugins find them through their options). */
const Staff: CollectionConfig = { slug: 'staff', auth: { useAPIKey: true }, fields: [] }
// Named `media`: consent's Branding global relates to that slug whatever the option mediaSlug says.
const Images: CollectionConfig = { slug: 'media', fields: [{ name: 'alt', type: 'text' }], upload: true }

/** The address the host is reached at (nothing listens there: requests go straight to the REST handler). */
export const STOCK_HOST_URL = 'http://shop.example'

/**
 * A stock Payload app with these plugins: its own staff and image collections, SQLite with the
 * schema pushed from the config, mail to an SMTP server (if given), and no server of its own. The plugins are
 * given the host's slugs and `publicUrl`, nothing else: links point where Payload serves the endpoints.
 */
export async function startStockPayload(
  plugins: (hostSlugs: { mediaSlug: string; usersSlug: string }) => Plugin[],
  { smtpPort }: { smtpPort?: number } = {},
): Promise<StockPayload> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stock-host-'))
  const config = await buildConfig({
    admin: { user: Staff.slug },
    collections: [Staff, { ...Images, upload: { staticDir: path.join(dir, 'images') } }],
    db: sqliteAdapter({ client: { url: `file:${dir}/host.db` }, push: true }),
    editor: lexicalEditor(),
    email: smtpPort ? smtpAdapter({ ...process.env, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtpPort) }) : undefined,
    plugins: plugins({ mediaSlug: Images.slug, usersSlug: Staff.slug }),
    secret: 'stock-host-secret',
  })
  const key = `stock-host-${path.basename(dir)}`
  const payload = await getPayload({ config, key })
  return {
    call: (url, init) =>
      handleEndpoints({
        config,
        payloadInstanceCacheKey: key,
        request: new Request(new URL(url, STOCK_HOST_URL), init),
      }),
    close: async () => {
      await closeDatabase(payload)
      fs.rmSync(dir, { force: true, recursive: true })
    },
    payload,
  }
}
