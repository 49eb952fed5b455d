import type { EmailAdapter } from 'payload'

import nodemailer from 'nodemailer'

type SmtpEmailOptions = { from: { address: string; name: string }; host: string; port: number }

/** Payload's email through an SMTP server (the host's own few lines; any Payload email adapter does). */
export const smtpEmail =
  ({ from, host, port }: SmtpEmailOptions): EmailAdapter =>
  () => {
    const transport = nodemailer.createTransport({ host, port, secure: false })
    return {
      defaultFromAddress: from.address,
      defaultFromName: from.name,
      name: 'smtp',
      sendEmail: (message) => transport.sendMail({ ...message, from: message.from ?? from }),
    }
  }
