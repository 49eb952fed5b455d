import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

const madeDirs = new Set<string>()

/** Where the embedded database, uploads and the generated secret live unless configured otherwise. */
export function dataDir(): string {
  const dir = path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.DATA_DIR || 'data')
  if (!madeDirs.has(dir)) {
    fs.mkdirSync(dir, { recursive: true })
    madeDirs.add(dir)
  }
  return dir
}

export function databaseUri(): string {
  return process.env.DATABASE_URI || `file:${path.join(dataDir(), 'payload.db')}`
}

export function publicUrl(): string {
  return (process.env.PUBLIC_URL || `http://localhost:${port()}`).replace(/\/+$/, '')
}

/** Served over https (PUBLIC_URL says so): session cookies get `Secure`, browsers are told to stay on https (HSTS). */
export function servedOverHttps(): boolean {
  return /^https:\/\//i.test(process.env.PUBLIC_URL ?? '')
}

export function port(): number {
  return Number.parseInt(process.env.PORT || '3000', 10)
}

export function seedDemo(): boolean {
  return !/^(0|false|no|off)$/i.test(process.env.SEED_DEMO ?? '')
}

/**
 * PAYLOAD_SECRET signs sessions and links. Without one we generate a strong secret once and keep it
 * in the data directory, so a fresh install is safe and restarts keep users logged in.
 */
export function payloadSecret(): string {
  if (process.env.PAYLOAD_SECRET) return process.env.PAYLOAD_SECRET
  const file = path.join(dataDir(), '.payload-secret')
  // Read once per file: every signed link asks (a campaign signs several per message).
  let secret = secretsByFile.get(file)
  if (!secret) secretsByFile.set(file, (secret = readOrCreateSecret(file)))
  return secret
}

const secretsByFile = new Map<string, string>()

function readOrCreateSecret(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim()
  } catch {
    const secret = randomBytes(32).toString('hex')
    try {
      fs.writeFileSync(file, secret, { flag: 'wx', mode: 0o600 })
      return secret
    } catch {
      // another process created it first
      return fs.readFileSync(file, 'utf8').trim()
    }
  }
}
