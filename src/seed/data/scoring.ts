type Filter = { attribute: string; operator: 'contains' | 'exists' | 'gte' | 'in' | 'lte'; values?: string[] }

export type ScoringRuleSeed = {
  axis: 'engagement' | 'fit'
  cap?: { count: number; period: 'day' | 'month' | 'week' }
  condition?: Filter
  eventType?: string
  filters?: Filter[]
  kind: 'attribute' | 'event'
  name: string
  points: number
}

/** The demo's scoring model (docs/plugins/lead-scoring.md#the-demo), the numbers a German B2B marketing team would start with. */
export const SCORING_RULES: ScoringRuleSeed[] = [
  { axis: 'engagement', eventType: 'page_viewed', filters: [{ attribute: 'properties.url', operator: 'contains', values: ['/preise'] }], kind: 'event', name: 'Preisseite besucht', points: 15 },
  { axis: 'engagement', eventType: 'download', filters: [{ attribute: 'properties.asset', operator: 'contains', values: ['whitepaper'] }], kind: 'event', name: 'Whitepaper heruntergeladen', points: 10 },
  { axis: 'engagement', cap: { count: 3, period: 'week' }, eventType: 'email_clicked', kind: 'event', name: 'Klick in E-Mail', points: 3 },
  { axis: 'engagement', cap: { count: 3, period: 'week' }, eventType: 'email_opened', kind: 'event', name: 'E-Mail geöffnet', points: 1 },
  { axis: 'engagement', eventType: 'form_submitted', filters: [{ attribute: 'properties.form', operator: 'in', values: ['demo-anfrage', 'webinar'] }], kind: 'event', name: 'Demo oder Webinar angefragt', points: 25 },
  { axis: 'engagement', eventType: 'unsubscribe', kind: 'event', name: 'Thema abbestellt', points: -10 },
  { axis: 'fit', eventType: 'bounce', filters: [{ attribute: 'properties.kind', operator: 'in', values: ['hard'] }], kind: 'event', name: 'Harter Bounce', points: -30 },
  { axis: 'fit', condition: { attribute: 'emailDomain', operator: 'in', values: ['datev.de', 'lexware.de', 'sevdesk.de', 'lexoffice.de'] }, kind: 'attribute', name: 'E-Mail-Domain eines Wettbewerbers', points: -50 },
  { axis: 'fit', condition: { attribute: 'attributes.role', operator: 'in', values: ['Student', 'Studentin', 'Werkstudent'] }, kind: 'attribute', name: 'Studierende', points: -20 },
  { axis: 'fit', condition: { attribute: 'attributes.role', operator: 'in', values: ['Geschäftsführung', 'Inhaber', 'Finanzen', 'Buchhaltung', 'Controlling'] }, kind: 'attribute', name: 'Entscheidet über Buchhaltungssoftware', points: 25 },
  { axis: 'fit', condition: { attribute: 'attributes.companySize', operator: 'gte', values: ['10'] }, kind: 'attribute', name: 'Ab 10 Beschäftigten', points: 15 },
  { axis: 'fit', condition: { attribute: 'region', operator: 'contains', values: ['DE-'] }, kind: 'attribute', name: 'Sitz in Deutschland', points: 5 },
]

export type StageRuleSeed = { minDaysWithoutEngagement?: number; minFit?: number; minTotal?: number; name: string; toStage: string }

export const STAGE_RULES: StageRuleSeed[] = [
  { minFit: 40, minTotal: 100, name: 'Marketing-qualifiziert', toStage: 'mql' },
  { minDaysWithoutEngagement: 60, name: '60 Tage ohne Reaktion', toStage: 'at_risk' },
  { minDaysWithoutEngagement: 180, name: '180 Tage ohne Reaktion', toStage: 'inactive' },
]
