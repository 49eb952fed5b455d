import type { Payload } from 'payload'

/**
 * What a stage means to the lifecycle report, by its key (the key of a built-in stage cannot be
 * changed; the label can, and is translated): `at_risk` ("Gefährdet") is at risk; `inactive`
 * ("Inaktiv", no longer responds) is churned, as is a stage a host keys `churned`. Every other stage,
 * also one an editor added, is active: a move back to it from at risk or churned is a win-back.
 */
export type StageRole = 'active' | 'atRisk' | 'churned'

const ROLE_BY_KEY: Record<string, StageRole> = { at_risk: 'atRisk', churned: 'churned', inactive: 'churned' }

export const stageRole = (key: null | string | undefined): StageRole => ROLE_BY_KEY[key ?? ''] ?? 'active'

export type LifecycleStage = { id: string; key: string; label: string; order: number; role: StageRole }

/** The lifecycle stages in their order, with their label in `locale` if it is a content locale (else the default locale's). */
export async function lifecycleStages(payload: Payload, locale?: string): Promise<LifecycleStage[]> {
  const { localization } = payload.config
  const known = localization && localization.localeCodes.includes(locale ?? '')
  const { docs } = await payload.find({
    collection: 'lifecycle-stages',
    depth: 0,
    limit: 0,
    pagination: false,
    sort: 'order',
    ...(known ? { locale: locale as 'de' } : {}),
  })
  return docs.map((doc) => ({
    id: String(doc.id),
    key: String(doc.key ?? ''),
    label: String(doc.label ?? doc.key ?? doc.id),
    order: Number(doc.order ?? 0),
    role: stageRole(doc.key as string),
  }))
}

/** The ids of the stages that are not active (at risk or churned): entering one is a lapse. */
export const lapsedStageIds = (stages: LifecycleStage[]) =>
  stages.filter((stage) => stage.role !== 'active').map((stage) => stage.id)
