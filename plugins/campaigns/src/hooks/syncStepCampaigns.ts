import type { CollectionAfterChangeHook, CollectionBeforeDeleteHook } from 'payload'

import { idFromKey, relationKey, writeAtomically } from '@kontorwerk/personalization'

import type { Automation } from '../documents'

import { AUTOMATION_RUNS, CAMPAIGNS } from '../defaults'
import { AUTOMATION_PRIORITY } from '../sending/priority'
import { cancelPending } from '../utilities/actions'
import { withOwnContext } from '../utilities/ownContext'
import { CAMPAIGN_ACTION } from './lockOnceScheduled'

/**
 * Every send step of an automation sends through a campaign of its own (same pipeline, send
 * records and report as any campaign): created and kept in step with the automation here,
 * sending while the automation is active, paused while it is not, cancelled when its step goes.
 */
export const syncStepCampaigns: CollectionAfterChangeHook<Automation> = async ({ doc, req }) => {
  const { payload } = req
  const context = { [CAMPAIGN_ACTION]: true }
  const { docs: existing } = await payload.find({
    collection: CAMPAIGNS as 'campaigns',
    depth: 0,
    limit: 0,
    pagination: false,
    req,
    where: { automation: { equals: doc.id } },
  })
  const stepIds = new Set<string>()
  for (const [index, step] of (doc.steps ?? []).entries()) {
    if (step.type !== 'send' || !step.id || !relationKey(step.newsletter)) continue
    stepIds.add(step.id)
    const data = {
      channel: 'email',
      name: `${doc.name} · Schritt ${index + 1}`,
      newsletter: idFromKey(payload, relationKey(step.newsletter)!),
      priority: doc.priority ?? AUTOMATION_PRIORITY,
      status: doc.active ? 'sending' : 'paused',
      statusReason: doc.active ? null : 'Automation inaktiv',
      topic: doc.topic == null ? null : idFromKey(payload, relationKey(doc.topic)!),
    }
    const found = existing.find((campaign) => campaign.automationStep === step.id)
    if (found)
      await payload.update({
        id: found.id,
        collection: CAMPAIGNS as 'campaigns',
        context,
        data: data as never,
        depth: 0,
        req,
      })
    else
      await payload.create({
        collection: CAMPAIGNS as 'campaigns',
        context,
        data: { ...data, automation: doc.id, automationStep: step.id, startedAt: new Date().toISOString() } as never,
        depth: 0,
        req,
      })
  }
  for (const campaign of existing) {
    if (campaign.automationStep && !stepIds.has(campaign.automationStep) && campaign.status !== 'cancelled') {
      await payload.update({
        id: campaign.id,
        collection: CAMPAIGNS as 'campaigns',
        context,
        data: { status: 'cancelled', statusReason: 'Schritt entfernt' } as never,
        depth: 0,
        req,
      })
    }
  }
  return doc
}

/**
 * An automation that goes takes its runs with it, and its step campaigns stop for good
 * (cancelled, their unsent records too), so nothing it queued is still delivered.
 */
export const retireAutomation: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const { payload } = req
  const { docs } = await payload.find({
    collection: CAMPAIGNS as 'campaigns',
    depth: 0,
    limit: 0,
    pagination: false,
    req,
    select: {},
    where: { automation: { equals: id } },
  })
  for (const campaign of docs) {
    await payload.update({
      id: campaign.id,
      collection: CAMPAIGNS as 'campaigns',
      context: { [CAMPAIGN_ACTION]: true },
      data: { automation: null, status: 'cancelled', statusReason: 'Automation gelöscht' } as never,
      depth: 0,
      req: withOwnContext(req),
    })
    await cancelPending(payload, String(campaign.id))
  }
  await writeAtomically(payload, { deletes: [{ collection: AUTOMATION_RUNS, field: 'automation', value: id }] })
}
