import type { PayloadRequest } from 'payload'

import {
  CodedError,
  personalizedNewsletter,
  relationKey,
  requireStaff,
  sharedCounter,
} from '@kontorwerk/personalization'

import { loadCampaign } from '../utilities/actions'
import { campaignsOptions } from '../utilities/options'
import { composeTestMessage, testSubject } from './composeMessage'
import { SmtpLanes, SmtpUnavailableError } from './smtpLanes'

export type TestSendInput = { persona?: unknown; subscriber?: unknown }
export type TestSendResult = { sentTo: string; subject: string }

const HOUR_MS = 3600 * 1000

/** Which reader the test mail is rendered for: exactly one of a persona (slug) or a subscriber (id). */
function readerOf(input: TestSendInput): { context: { persona: string } } | { subscriber: string } {
  const persona = typeof input.persona === 'string' ? input.persona.trim() : ''
  const subscriber =
    typeof input.subscriber === 'string' || typeof input.subscriber === 'number' ? String(input.subscriber).trim() : ''
  if (Boolean(persona) === Boolean(subscriber))
    throw new CodedError(
      'BAD_USER_INPUT',
      'Give either a persona (slug) or a subscriber (id) to render the test mail for',
    )
  return persona ? { context: { persona } } : { subscriber }
}

/**
 * "Testversand" (POST /api/campaigns/:id/test-send): renders the campaign's newsletter for one
 * persona or subscriber exactly as the preview does (subscribers for admins only, as there) and
 * mails it to the signed-in staff member's own address, marked as a test. It writes no send
 * record and no event, so reports, the contact budget and the frequency caps never see it, and it
 * never goes to the subscriber. Limited per staff member (option `testSendsPerHour`).
 */
export async function sendTestMail(req: PayloadRequest, id: string, input: TestSendInput): Promise<TestSendResult> {
  requireStaff(req)
  const to = typeof req.user.email === 'string' ? req.user.email : ''
  if (!to) throw new CodedError('FAILED_PRECONDITION', 'Your account has no email address to send the test to')
  const reader = readerOf(input)
  const campaign = await loadCampaign(req, id)
  const options = campaignsOptions(req.payload)
  if (!options.smtp)
    throw new CodedError('FAILED_PRECONDITION', 'No SMTP server is configured (option smtp of campaigns())')
  const newsletterId = relationKey(campaign.newsletter)
  const newsletter = newsletterId
    ? await req.payload.findByID({ id: newsletterId, collection: 'newsletters', depth: 0, disableErrors: true, req })
    : null
  if (!newsletter) throw new CodedError('FAILED_PRECONDITION', 'The campaign has no newsletter')
  // Counted before rendering: a wrong persona or subscriber costs an attempt too, so guessing ids is slow.
  const { totalHits } = await sharedCounter('campaign-test-sends', HOUR_MS).increment(String(req.user.id))
  if (totalHits > options.testSendsPerHour)
    throw new CodedError('RATE_LIMITED', `At most ${options.testSendsPerHour} test mails per hour; try again later`)
  const rendered = await personalizedNewsletter(req, { newsletter: newsletter.slug, ...reader })
  const message = composeTestMessage(req.payload, rendered, { campaign: String(campaign.id), to })
  const lanes = new SmtpLanes(options.smtp, 1)
  try {
    const outcome = await lanes.deliver(message, async (release) => {
      release()
      return true
    })
    if (outcome.kind !== 'accepted')
      throw new CodedError(
        'SMTP_REFUSED',
        `The SMTP server did not take the test mail: ${'response' in outcome ? outcome.response : outcome.kind}`,
        undefined,
        502,
      )
  } catch (error) {
    if (error instanceof SmtpUnavailableError)
      throw new CodedError('SMTP_UNAVAILABLE', `The SMTP server cannot be reached: ${error.message}`, undefined, 503)
    throw error
  } finally {
    lanes.close()
  }
  return { sentTo: to, subject: testSubject(rendered.subject) }
}
