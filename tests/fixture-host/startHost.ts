import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { freePort, type RunningServer, waitUntilHealthy } from '../helpers/server'

/** Where scripts/fixture-host.sh put the prepared host (outside this repository). */
export function preparedHost(): { dir: string; host: string; template: string } {
  const marker = path.resolve('.tmp/fixture-host.json')
  if (!fs.existsSync(marker))
    throw new Error('No prepared fixture host: run `bash scripts/fixture-host.sh --prepare` first (`npm test` does)')
  const { dir } = JSON.parse(fs.readFileSync(marker, 'utf8')) as { dir: string }
  const host = path.join(dir, 'host')
  if (!fs.existsSync(path.join(host, '.next/BUILD_ID')))
    throw new Error(`The fixture host in ${host} has no build: run \`bash scripts/fixture-host.sh --prepare\``)
  return { dir, host, template: path.join(dir, 'template.db') }
}

/** The host's production environment: only what any Node app gets, none of this repository's npm or source-condition settings. */
export function plainEnvironment(): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(
    ([name]) => !name.startsWith('npm_') && name !== 'NODE_OPTIONS' && !name.startsWith('VITEST'),
  )
  return { ...Object.fromEntries(inherited), NODE_ENV: 'production' }
}

/**
 * Boots the prepared host as its team would run it: `next start`, nothing in front, on a copy of
 * the database its migration created. Its mail goes to the given SMTP server.
 */
export async function startHost(smtpPort: number): Promise<RunningServer> {
  const { host, template } = preparedHost()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-host-run-'))
  fs.copyFileSync(template, path.join(dataDir, 'host.db'))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const logFile = path.join(dataDir, 'server.log')
  const log = fs.openSync(logFile, 'a')
  const child = spawn(
    process.execPath,
    [path.join(host, 'node_modules/next/dist/bin/next'), 'start', '--hostname', '127.0.0.1', '--port', String(port)],
    {
      cwd: host,
      env: {
        ...plainEnvironment(),
        DATABASE_URI: `file:${path.join(dataDir, 'host.db')}`,
        NEXT_TELEMETRY_DISABLED: '1',
        PAYLOAD_SECRET: `fixture-${Date.now()}-${Math.random()}`,
        PUBLIC_URL: url,
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(smtpPort),
      },
      stdio: ['ignore', log, log],
    },
  )
  await waitUntilHealthy(child, `${url}/api/members/me`, logFile)
  return { dataDir, logFile, process: child, url }
}
