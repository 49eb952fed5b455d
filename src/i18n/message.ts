import type { PayloadRequest } from 'payload'

import type { Label } from './label'

/** Picks the message in the request's admin/API language (German by default). */
export function message(req: Partial<Pick<PayloadRequest, 'i18n'>> | undefined, text: Label): string {
  return req?.i18n?.language === 'en' ? text.en : text.de
}
