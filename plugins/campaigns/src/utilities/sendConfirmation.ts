/**
 * The confirmation a send needs (docs/plugins/campaigns.md#confirmation): the client sends back the
 * recipient count its dialog showed, and above a threshold the text the editor typed (that count or
 * the campaign's name). The server counts again and refuses when the two no longer agree, so a
 * click can never mail a different audience than the one the editor saw. Pure: no I/O.
 */

export type SendConfirmation = { recipients: number; typed?: null | string }

export type ConfirmationProblem = {
  code: 'CONFIRMATION_MISMATCH' | 'CONFIRMATION_REQUIRED' | 'CONFIRMATION_TYPED'
  message: string
}

/** How far the live count may move between the dialog and the click: 5 %, rounded down (exact below 20). */
export const allowedDrift = (recipients: number) => Math.floor(recipients * 0.05)

/** From this many recipients on the editor types the count or the campaign's name. */
export const needsTypedConfirmation = (recipients: number, threshold: number) => recipients >= threshold

const sameName = (a: string, b: string) =>
  a.trim().replace(/\s+/g, ' ').toLocaleLowerCase('de') === b.trim().replace(/\s+/g, ' ').toLocaleLowerCase('de')

/** The count as typed, with or without thousands separators ("1.234", "1 234", "1234"), or the campaign's name. */
export function typedMatches(typed: null | string | undefined, recipients: number, campaignName: string): boolean {
  const text = (typed ?? '').trim()
  if (!text) return false
  if (/^\d{1,3}([.,\s'\u00a0\u202f]?\d{3})*$/.test(text) && text.replace(/\D/g, '') === String(recipients)) return true
  return sameName(text, campaignName)
}

/** The confirmation as a client sent it, or null when it is missing or not of the right shape. */
export function readConfirmation(input: unknown): null | SendConfirmation {
  if (!input || typeof input !== 'object') return null
  const { recipients, typed } = input as Record<string, unknown>
  if (typeof recipients !== 'number' || !Number.isInteger(recipients) || recipients < 0) return null
  if (typed != null && typeof typed !== 'string') return null
  return { recipients, typed: typed ?? null }
}

/**
 * Why a send may not go ahead with this confirmation, or null when it may: none given, a count
 * that moved more than allowedDrift since the dialog showed it, or a missing or wrong typed text
 * for an audience at or above the threshold.
 */
export function confirmationProblem(
  current: number,
  campaignName: string,
  confirmation: null | SendConfirmation,
  threshold: number,
): ConfirmationProblem | null {
  if (!confirmation)
    return {
      code: 'CONFIRMATION_REQUIRED',
      message: `Confirm the send: repeat the recipient count (${current}) as confirmation.recipients`,
    }
  if (Math.abs(current - confirmation.recipients) > allowedDrift(current))
    return {
      code: 'CONFIRMATION_MISMATCH',
      message: `The audience changed: ${current} recipients now, ${confirmation.recipients} confirmed; check and confirm again`,
    }
  if (
    needsTypedConfirmation(current, threshold) &&
    !typedMatches(confirmation.typed, confirmation.recipients, campaignName)
  )
    return {
      code: 'CONFIRMATION_TYPED',
      message: `From ${threshold} recipients on, type the recipient count or the campaign's name as confirmation.typed`,
    }
  return null
}

/** HTTP status of each problem: 428 nothing confirmed yet, 409 the audience moved, 422 the typed text is wrong or missing. */
export const CONFIRMATION_STATUS: Record<ConfirmationProblem['code'], number> = {
  CONFIRMATION_MISMATCH: 409,
  CONFIRMATION_REQUIRED: 428,
  CONFIRMATION_TYPED: 422,
}
