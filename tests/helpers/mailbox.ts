import fs from 'node:fs'
import path from 'node:path'

export type ReceivedMail = { html?: string; subject?: string; text?: string; to: string[] }

/** Every mail to an address the test SMTP server stored so far, oldest first. */
export function mailsTo(mailDir: string, address: string): ReceivedMail[] {
  return fs
    .readdirSync(mailDir)
    .sort()
    .map((file) => JSON.parse(fs.readFileSync(path.join(mailDir, file), 'utf8')) as ReceivedMail)
    .filter((mail) => mail.to.includes(address))
}

/** Waits for a mail to an address (the first one, or the first that `wanted` accepts). */
export async function mailTo(
  mailDir: string,
  address: string,
  timeoutMs = 15_000,
  wanted: (mail: ReceivedMail) => boolean = () => true,
): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const mail = mailsTo(mailDir, address).find(wanted)
    if (mail) return mail
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`no mail to ${address} within ${timeoutMs} ms`)
}
