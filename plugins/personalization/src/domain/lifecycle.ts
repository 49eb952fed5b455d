import { type Label, label } from '../i18n/label'

export type StageDefinition = { description: Label; key: string; label: Label }

/** The default lifecycle, in order (docs/plugins/personalization.md#lifecycle-stages). Editors may add stages between or after them. */
export const DEFAULT_STAGES: StageDefinition[] = [
  { description: label('Hat sich angemeldet, noch keine Interaktion.', 'Signed up, no interaction yet.'), key: 'subscriber', label: label('Abonnent', 'Subscriber') },
  { description: label('Hat Interesse gezeigt, z. B. Inhalte geladen.', 'Showed interest, e.g. downloaded content.'), key: 'lead', label: label('Lead', 'Lead') },
  { description: label('Marketing Qualified Lead: Score und Fit über der Schwelle.', 'Marketing qualified lead: score and fit above the threshold.'), key: 'mql', label: label('MQL', 'MQL') },
  { description: label('Sales Qualified Lead: vom Vertrieb angenommen.', 'Sales qualified lead: accepted by sales.'), key: 'sql', label: label('SQL', 'SQL') },
  { description: label('Hat gekauft.', 'Has purchased.'), key: 'customer', label: label('Kunde', 'Customer') },
  { description: label('Hat mehrfach gekauft.', 'Has purchased more than once.'), key: 'repeat_customer', label: label('Stammkunde', 'Repeat customer') },
  { description: label('Lange keine Interaktion mehr.', 'No interaction for a long time.'), key: 'at_risk', label: label('Gefährdet', 'At risk') },
  { description: label('Reagiert nicht mehr.', 'No longer responds.'), key: 'inactive', label: label('Inaktiv', 'Inactive') },
]

export const STAGE_ORDER_STEP = 10

/** Stages that count as existing customers: acquisition offers never reach them (docs/plugins/personalization.md#relevance-guards). */
export const CUSTOMER_STAGES = ['customer', 'repeat_customer']
