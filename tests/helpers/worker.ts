import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'

export type Worker = {
  kill: () => Promise<void>
  process: ChildProcess
  /** SIGTERM, then waits for the exit: its code (null if killed by a signal). */
  stop: () => Promise<null | number>
}

/**
 * Starts `src/worker.ts` (what `npm run worker` runs) as its own process. `node --import tsx`, not
 * the tsx CLI: one process, so a SIGKILL kills the worker itself, not a wrapper.
 */
export function startWorker(env: Record<string, string>, logFile: string): Worker {
  const log = fs.openSync(logFile, 'a')
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
    env: { ...process.env, NODE_OPTIONS: '--conditions=development --conditions=kontorwerk-source', ...env },
    stdio: ['ignore', log, log],
  })
  return {
    kill: async () => {
      if (child.exitCode != null || child.signalCode != null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGKILL')
      await exited
    },
    process: child,
    stop: async () => {
      if (child.exitCode != null || child.signalCode != null) return child.exitCode
      const exited = new Promise<null | number>((resolve) => child.once('exit', (code) => resolve(code)))
      child.kill('SIGTERM')
      return exited
    },
  }
}
