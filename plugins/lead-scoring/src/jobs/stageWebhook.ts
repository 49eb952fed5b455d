import type { Payload, TaskConfig } from 'payload'

import { createHmac } from 'node:crypto'

import { postWebhook } from '@kontorwerk/personalization'

import { scoringModel } from '../utilities/model'
import { leadScoringOptions } from '../utilities/options'

export const STAGE_WEBHOOK_TASK = 'leadScoringStageWebhook' as const

const TIMEOUT_MS = 10_000

/** Where stage changes go: the settings' URL, or the plugin's `stageWebhook` option (deployments configured by environment). */
export async function stageWebhookTarget(payload: Payload) {
  const { settings } = await scoringModel.get(payload)
  const configured = leadScoringOptions(payload).stageWebhook
  const url = settings.stageWebhookUrl || configured?.url || null
  const secret = settings.stageWebhookSecret || configured?.secret || null
  return url ? { secret, url } : null
}

/**
 * Delivers one stage change to the CRM webhook (hand-off to sales, docs/plugins/lead-scoring.md#crm-webhook). A non-2xx answer or
 * a network error fails the task, and Payload's job queue retries it with exponential backoff.
 * The body carries the event id, so the receiver can drop a delivery it has already seen.
 */
export const stageWebhookTask: TaskConfig<'leadScoringStageWebhook'> = {
  slug: 'leadScoringStageWebhook',
  handler: async ({ input, req }) => {
    const target = await stageWebhookTarget(req.payload)
    if (!target) return { output: { delivered: false } }
    const body = JSON.stringify({ type: 'stage_changed', ...input })
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-event-id': String(input.eventId) }
    if (target.secret)
      headers['x-signature'] = `sha256=${createHmac('sha256', target.secret).update(body).digest('hex')}`
    // Checked as the connection opens: the URL may have been saved (or set by environment) when its host resolved elsewhere.
    const response = await postWebhook(req.payload, target.url, {
      body,
      headers,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
    if (!response.ok) throw new Error(`Stage webhook answered ${response.status}`)
    return { output: { delivered: true } }
  },
  inputSchema: [
    { name: 'eventId', type: 'text', required: true },
    { name: 'subscriber', type: 'text', required: true },
    { name: 'from', type: 'text' },
    { name: 'to', type: 'text', required: true },
    { name: 'rule', type: 'text' },
    { name: 'reason', type: 'text' },
    { name: 'at', type: 'text', required: true },
  ],
  outputSchema: [{ name: 'delivered', type: 'checkbox' }],
  retries: { attempts: 8, backoff: { delay: 2_000, type: 'exponential' } },
}
