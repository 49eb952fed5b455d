import { rest, type Session } from './http'

/**
 * Schedules a campaign over REST as an API client must since issue 17: read the live count from
 * the send plan, then confirm exactly that count (typed as well from the plan's threshold on).
 */
export async function scheduleConfirmed(baseUrl: string, session: Session, id: number | string, sendAt?: string) {
  const plan = await rest(baseUrl, session, 'GET', `/campaigns/${id}/send-plan`)
  if (plan.status !== 200) return plan
  const { needsTypedConfirmation, recipients } = plan.body as { needsTypedConfirmation: boolean; recipients: number }
  return rest(baseUrl, session, 'POST', `/campaigns/${id}/schedule`, {
    confirmation: { recipients, ...(needsTypedConfirmation && { typed: String(recipients) }) },
    ...(sendAt && { sendAt }),
  })
}
