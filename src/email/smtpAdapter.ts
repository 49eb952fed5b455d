import type { EmailAdapter } from 'payload'

import nodemailer from 'nodemailer'

/**
 * SMTP through nodemailer, from SMTP_* variables; without SMTP_HOST, Payload logs mail to the console.
 * (A small adapter of our own: @payloadcms/email-nodemailer is not published for this Payload version.)
 */
export function smtpAdapter(env = process.env): EmailAdapter | undefined {
  if (!env.SMTP_HOST) return undefined
  const transport = nodemailer.createTransport({
    auth: env.SMTP_USER ? { pass: env.SMTP_PASS ?? '', user: env.SMTP_USER } : undefined,
    host: env.SMTP_HOST,
    maxConnections: 5,
    pool: true,
    port: Number(env.SMTP_PORT ?? 587),
    secure: env.SMTP_SECURE === 'true',
  })
  const address = env.MAIL_FROM_ADDRESS ?? 'newsletter@example.com'
  const name = env.MAIL_FROM_NAME ?? 'Kontorwerk'
  return () => ({
    defaultFromAddress: address,
    defaultFromName: name,
    name: 'smtp',
    sendEmail: (message) => transport.sendMail({ ...message, from: message.from ?? { address, name } }),
  })
}
