/** Content of a default stage in both content locales (the stage documents' localized fields, German first). */
type StageText = { de: string; en: string }

export type StageDefinition = { description: StageText; key: string; label: StageText }

/** The default lifecycle, in order (docs/plugins/personalization.md#lifecycle-stages). Editors may add stages between or after them. */
export const DEFAULT_STAGES: StageDefinition[] = [
  {
    description: { de: 'Hat sich angemeldet, noch keine Interaktion.', en: 'Signed up, no interaction yet.' },
    key: 'subscriber',
    label: { de: 'Abonnent', en: 'Subscriber' },
  },
  {
    description: {
      de: 'Hat Interesse gezeigt, z. B. Inhalte geladen.',
      en: 'Showed interest, e.g. downloaded content.',
    },
    key: 'lead',
    label: { de: 'Lead', en: 'Lead' },
  },
  {
    description: {
      de: 'Marketing Qualified Lead: Score und Fit über der Schwelle.',
      en: 'Marketing qualified lead: score and fit above the threshold.',
    },
    key: 'mql',
    label: { de: 'MQL', en: 'MQL' },
  },
  {
    description: {
      de: 'Sales Qualified Lead: vom Vertrieb angenommen.',
      en: 'Sales qualified lead: accepted by sales.',
    },
    key: 'sql',
    label: { de: 'SQL', en: 'SQL' },
  },
  {
    description: { de: 'Hat gekauft.', en: 'Has purchased.' },
    key: 'customer',
    label: { de: 'Kunde', en: 'Customer' },
  },
  {
    description: { de: 'Hat mehrfach gekauft.', en: 'Has purchased more than once.' },
    key: 'repeat_customer',
    label: { de: 'Stammkunde', en: 'Repeat customer' },
  },
  {
    description: { de: 'Lange keine Interaktion mehr.', en: 'No interaction for a long time.' },
    key: 'at_risk',
    label: { de: 'Gefährdet', en: 'At risk' },
  },
  {
    description: { de: 'Reagiert nicht mehr.', en: 'No longer responds.' },
    key: 'inactive',
    label: { de: 'Inaktiv', en: 'Inactive' },
  },
]

export const STAGE_ORDER_STEP = 10

/** Stages that count as existing customers: acquisition offers never reach them (docs/plugins/personalization.md#relevance-guards). */
export const CUSTOMER_STAGES = ['customer', 'repeat_customer']
