import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'

export type RunningServer = { dataDir: string; logFile: string; process: ChildProcess; url: string }

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

/**
 * Starts the product exactly as `npm run serve` does (production Next build, express, migrations,
 * demo seed) and resolves once /healthz answers.
 */
export async function startProductServer(env: Record<string, string>, dataDir: string): Promise<RunningServer> {
  const port = await freePort()
  const logFile = path.join(dataDir, 'server.log')
  const log = fs.openSync(logFile, 'a')
  // `node --import tsx`, not the tsx CLI: one process, so a SIGKILL really kills the server (the CLI would leave its child running).
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      NODE_ENV: 'production',
      NODE_OPTIONS: '--conditions=development --conditions=kontorwerk-source',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', log, log],
  })
  const url = `http://127.0.0.1:${port}`
  await waitUntilHealthy(child, `${url}/healthz`, logFile)
  return { dataDir, logFile, process: child, url }
}

/** Resolves once `healthUrl` answers 2xx; a server that exits or takes over five minutes is killed, and its log's end thrown. */
export async function waitUntilHealthy(child: ChildProcess, healthUrl: string, logFile: string): Promise<void> {
  const deadline = Date.now() + 300_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break
    const healthy = await fetch(healthUrl)
      .then((r) => r.ok)
      .catch(() => false)
    if (healthy) return
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
  child.kill('SIGKILL')
  throw new Error(
    `server did not start (exit ${child.exitCode}); log:\n${fs.readFileSync(logFile, 'utf8').slice(-4000)}`,
  )
}

export async function stopProductServer(server: RunningServer): Promise<void> {
  if (server.process.exitCode !== null) return
  const exited = new Promise((resolve) => server.process.once('exit', resolve))
  server.process.kill('SIGTERM')
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))])
  if (server.process.exitCode === null) server.process.kill('SIGKILL')
}
