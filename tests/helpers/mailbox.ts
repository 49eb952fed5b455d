import fs from 'node:fs'
import path from 'node:path'

export type ReceivedMail = { html?: string; subject?: string; text?: string; to: string[] }

/** Waits for a mail to an address among those the test SMTP server stored. */
export async function mailTo(mailDir: string, address: string, timeoutMs = 15_000): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    for (const file of fs.readdirSync(mailDir).sort()) {
      const mail = JSON.parse(fs.readFileSync(path.join(mailDir, file), 'utf8')) as ReceivedMail
      if (mail.to.includes(address)) return mail
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`no mail to ${address} within ${timeoutMs} ms`)
}
