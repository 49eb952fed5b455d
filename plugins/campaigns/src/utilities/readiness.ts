import type { Payload } from 'payload'

import { blockLibrary, relationKey } from '@kontorwerk/personalization'

import type { Campaign, Newsletter } from '../documents'

import { DELIVERED_CHANNELS } from '../collections/Campaigns'
import { abTestProblems } from '../sending/abTest'
import { campaignsOptions } from './options'

export type Problem = {
  code: 'AB_TEST' | 'AUDIENCE_EMPTY' | 'AUDIENCE_MISSING' | 'CHANNEL' | 'NEWSLETTER' | 'NO_FALLBACK' | 'NO_SMTP'
  message: string
}

/**
 * What must hold before anything is sent, checked when scheduling and again when sending starts
 * (things change in between): a deliverable channel, an existing audience, a newsletter whose
 * every slot has a fallback, and an SMTP server.
 */
export async function readinessProblems(payload: Payload, campaign: Campaign): Promise<Problem[]> {
  const problems: Problem[] = []
  if (!DELIVERED_CHANNELS.includes(campaign.channel))
    problems.push({ code: 'CHANNEL', message: `Channel "${campaign.channel}" cannot be sent yet` })
  const audience = relationKey(campaign.audience)
  const segment = audience
    ? await payload.findByID({ id: audience, collection: 'segments', depth: 0, disableErrors: true }).catch(() => null)
    : null
  // An automation step's campaign has no audience: its runs choose the recipients.
  if (!segment && !campaign.automation)
    problems.push({
      code: 'AUDIENCE_MISSING',
      message: audience ? `The audience segment ${audience} no longer exists` : 'The campaign has no audience segment',
    })
  const newsletterId = relationKey(campaign.newsletter)
  const newsletter = newsletterId
    ? await payload
        .findByID({ id: newsletterId, collection: 'newsletters', depth: 0, disableErrors: true })
        .catch(() => null)
    : null
  if (!newsletter)
    problems.push({ code: 'NEWSLETTER', message: 'The campaign has no newsletter (it may have been deleted)' })
  else
    problems.push(
      ...(await slotProblems(payload, newsletter)),
      ...abTestProblems(
        campaign,
        newsletter.slots.map((slot) => slot.key),
      ),
    )
  if (!campaignsOptions(payload).smtp)
    problems.push({
      code: 'NO_SMTP',
      message: 'No SMTP server is configured (option smtp of campaigns(); SMTP_HOST in the reference app)',
    })
  return problems
}

/** Every slot needs a published fallback block, so no recipient can get a hole. */
async function slotProblems(payload: Payload, newsletter: Newsletter): Promise<Problem[]> {
  const library = await blockLibrary(payload)
  return newsletter.slots
    .filter((slot) => {
      const fallback = relationKey(slot.fallback)
      return !fallback || !library.content.has(fallback)
    })
    .map((slot) => ({
      code: 'NO_FALLBACK' as const,
      message: `Slot "${slot.key}" of newsletter "${newsletter.slug}" has no published fallback block`,
    }))
}
