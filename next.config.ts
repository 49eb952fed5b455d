import type { NextConfig } from 'next'

import { withPayload } from '@payloadcms/next/withPayload'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const dirname = path.dirname(fileURLToPath(import.meta.url))

/**
 * In this repository the workspace packages are built from their TypeScript sources (the
 * `kontorwerk-source` condition of their exports, which Next's bundlers do not know): every export
 * of every package under plugins/ is aliased to its source file. A host that installs the packages
 * gets their compiled `dist/` instead.
 */
function workspaceSources(): Record<string, string> {
  const aliases: Record<string, string> = {}
  for (const dir of fs.readdirSync(path.join(dirname, 'plugins'))) {
    const manifest = path.join(dirname, 'plugins', dir, 'package.json')
    if (!fs.existsSync(manifest)) continue
    const { exports, name } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as {
      exports: Record<string, Record<string, string>>
      name: string
    }
    for (const [subpath, conditions] of Object.entries(exports)) {
      const source = conditions['kontorwerk-source']
      if (source)
        aliases[subpath === '.' ? name : `${name}/${subpath.slice(2)}`] = `./${path.posix.join('plugins', dir, source)}`
    }
  }
  return aliases
}

/** Root paths of the public pages (sign-up, preference center, unsubscribe, landing pages /p/<slug>) and tracking links (/t/c, /t/o). */
const PRETTY_PAGES = ['/subscribe', '/preferences', '/unsubscribe', '/p', '/t']

const nextConfig: NextConfig = {
  // The express server and Next's route handlers share one Payload instance (getPayload's global
  // cache), so both must load Payload from node_modules: a bundled second copy would fail its own
  // `instanceof` checks on errors thrown by the shared instance (and drop validation details).
  serverExternalPackages: [
    'payload',
    '@payloadcms/db-mongodb',
    '@payloadcms/db-postgres',
    '@payloadcms/db-sqlite',
    '@payloadcms/drizzle',
    '@payloadcms/graphql',
  ],
  images: { localPatterns: [{ pathname: '/api/media/file/**' }] },
  // The plugins serve their public pages and tracking links as Payload endpoints under /api; this
  // app links to them at the root (option pagesUrl), as every mail sent before did.
  rewrites: async () => PRETTY_PAGES.map((page) => ({ destination: `/api${page}/:path*`, source: `${page}/:path*` })),
  transpilePackages: Object.keys(workspaceSources()).filter((name) => !name.slice(1).includes('/', name.indexOf('/'))),
  turbopack: { resolveAlias: workspaceSources(), root: dirname },
  webpack: (webpackConfig) => {
    webpackConfig.resolve.alias = {
      ...webpackConfig.resolve.alias,
      ...Object.fromEntries(
        Object.entries(workspaceSources()).map(([name, file]) => [`${name}$`, path.join(dirname, file)]),
      ),
    }
    webpackConfig.resolve.extensionAlias = {
      '.cjs': ['.cts', '.cjs'],
      '.js': ['.ts', '.tsx', '.js', '.jsx'],
      '.mjs': ['.mts', '.mjs'],
    }
    return webpackConfig
  },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
