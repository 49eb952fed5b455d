/** A campaign row of the report as grouping needs it. */
export type GroupableCampaign = { automation: null | string; automationStep: null | string; campaign: string }

/** An automation with the step ids in their order (the order editors see in the automation). */
export type AutomationSteps = { id: string; name: string; steps: string[] }

export type ReportGroup<T> =
  | { automation: AutomationSteps; kind: 'automation'; rows: (T & { step: null | number })[] }
  | { kind: 'single'; row: T }

/**
 * The rows of a report page in the order they came (newest first), except that the campaigns an
 * automation created (one per send step) stand together under their automation, at the place of
 * its first campaign, ordered by step. Steps that were removed from the automation come last.
 * A campaign whose automation is unknown (deleted) stands alone.
 */
export function groupByAutomation<T extends GroupableCampaign>(
  rows: T[],
  automations: Map<string, AutomationSteps>,
): ReportGroup<T>[] {
  const groups: ReportGroup<T>[] = []
  const byAutomation = new Map<string, Extract<ReportGroup<T>, { kind: 'automation' }>>()
  for (const row of rows) {
    const automation = row.automation ? automations.get(row.automation) : undefined
    if (!automation) {
      groups.push({ kind: 'single', row })
      continue
    }
    let group = byAutomation.get(automation.id)
    if (!group) {
      group = { automation, kind: 'automation', rows: [] }
      byAutomation.set(automation.id, group)
      groups.push(group)
    }
    const index = row.automationStep ? automation.steps.indexOf(row.automationStep) : -1
    group.rows.push({ ...row, step: index >= 0 ? index + 1 : null })
  }
  for (const group of byAutomation.values())
    group.rows.sort((a, b) => (a.step ?? Number.MAX_SAFE_INTEGER) - (b.step ?? Number.MAX_SAFE_INTEGER))
  return groups
}
