import type { Request, Response } from 'express'

import type { Label } from '../i18n/label'

/**
 * Refuses a request before Payload sees it, in the shape Payload's REST and GraphQL errors have
 * (`errors[0].message`, `errors[0].extensions.code`), in the caller's language (German by default).
 */
export function refuse(req: Request, res: Response, status: number, code: string, text: Label): void {
  const message = req.acceptsLanguages('de', 'en') === 'en' ? text.en : text.de
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .json({ errors: [{ extensions: { code }, message }] })
}
