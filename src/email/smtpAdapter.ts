import type { EmailAdapter } from 'payload'

import nodemailer from 'nodemailer'

import { withHeadersOnOneLine } from '@kontorwerk/personalization'

export type SmtpSettings = { host: string; pass?: string; port: number; secure: boolean; user?: string }

/** The SMTP server from SMTP_* variables, or null without SMTP_HOST. */
export function smtpSettings(env = process.env): null | SmtpSettings {
  if (!env.SMTP_HOST) return null
  return {
    host: env.SMTP_HOST,
    pass: env.SMTP_PASS ?? '',
    port: Number(env.SMTP_PORT ?? 587),
    secure: env.SMTP_SECURE === 'true',
    user: env.SMTP_USER || undefined,
  }
}

/** The From of every mail the product sends. */
export const mailSender = (env = process.env) => ({
  address: env.MAIL_FROM_ADDRESS ?? 'newsletter@example.com',
  name: env.MAIL_FROM_NAME ?? 'Kontorwerk',
})

/**
 * SMTP through nodemailer, from SMTP_* variables; without SMTP_HOST, Payload logs mail to the console.
 * (A small adapter of our own: @payloadcms/email-nodemailer is not published for this Payload version.)
 */
export function smtpAdapter(env = process.env): EmailAdapter | undefined {
  const settings = smtpSettings(env)
  if (!settings) return undefined
  const transport = nodemailer.createTransport({
    auth: settings.user ? { pass: settings.pass ?? '', user: settings.user } : undefined,
    host: settings.host,
    maxConnections: 5,
    pool: true,
    port: settings.port,
    secure: settings.secure,
  })
  const { address, name } = mailSender(env)
  return () => ({
    defaultFromAddress: address,
    defaultFromName: name,
    name: 'smtp',
    sendEmail: async (message) =>
      transport.sendMail(withHeadersOnOneLine({ ...message, from: message.from ?? { address, name } })),
  })
}
