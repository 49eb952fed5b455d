/** Regions blocks can be tagged with: the three countries and the German states the demo subscribers live in most. */
export const DEMO_REGIONS = [
  { code: 'DE', name: 'Deutschland' },
  { code: 'AT', name: 'Österreich' },
  { code: 'CH', name: 'Schweiz' },
  { code: 'DE-BY', name: 'Bayern' },
  { code: 'DE-BW', name: 'Baden-Württemberg' },
  { code: 'DE-NW', name: 'Nordrhein-Westfalen' },
  { code: 'DE-HH', name: 'Hamburg' },
] as const

/** Downloads and forms blocks convert on; the keys are how the events name them. */
export const DEMO_CONVERSIONS = [
  { key: 'whitepaper-cloud', kind: 'download', name: 'Whitepaper: Buchhaltung in der Cloud' },
  { key: 'demo-request', kind: 'form', name: 'Demo-Anfrage' },
] as const
