import type { Label } from '../../i18n/label'

import { label } from '../../i18n/label'

export type PersonaSeed = {
  description: Label
  name: Label
  profile: { attribute: string; operator: 'gte' | 'in' | 'lte'; values: string[]; weight: number }[]
  slug: string
}

/** A German B2B software vendor ("Kontorwerk", cloud accounting for the Mittelstand). */
export const PERSONAS: PersonaSeed[] = [
  {
    description: label(
      'Führt ein Unternehmen mit 10–250 Beschäftigten, entscheidet über Software selbst, hat wenig Zeit und will Sicherheit bei Recht und Steuern.',
      'Runs a company of 10–250 people, decides on software personally, is short on time and wants legal and tax certainty.',
    ),
    name: label('Geschäftsführerin im Mittelstand', 'SME managing director'),
    profile: [
      { attribute: 'attributes.role', operator: 'in', values: ['Geschäftsführung', 'Inhaber'], weight: 5 },
      { attribute: 'attributes.companySize', operator: 'lte', values: ['250'], weight: 3 },
      { attribute: 'attributes.industry', operator: 'in', values: ['Handel', 'Handwerk', 'Dienstleistung'], weight: 2 },
    ],
    slug: 'geschaeftsfuehrung-mittelstand',
  },
  {
    description: label(
      'Verantwortet Buchhaltung und Abschluss in einem Unternehmen ab 50 Beschäftigten; sucht Automatisierung und GoBD-sichere Prozesse.',
      'Owns bookkeeping and closing in a company of 50+ people; looks for automation and GoBD-compliant processes.',
    ),
    name: label('Leiter Finanzbuchhaltung', 'Head of accounting'),
    profile: [
      { attribute: 'attributes.role', operator: 'in', values: ['Finanzen', 'Buchhaltung', 'Controlling'], weight: 5 },
      { attribute: 'attributes.companySize', operator: 'gte', values: ['50'], weight: 3 },
      { attribute: 'region', operator: 'in', values: ['DE-BY', 'DE-BW', 'DE-NW', 'DE-HE'], weight: 1 },
    ],
    slug: 'leitung-finanzbuchhaltung',
  },
  {
    description: label(
      'Betreut Systeme, Schnittstellen und Berechtigungen; achtet auf Datensicherheit, Hosting in Deutschland und saubere APIs.',
      'Looks after systems, integrations and permissions; cares about data security, hosting in Germany and clean APIs.',
    ),
    name: label('IT-Administratorin', 'IT administrator'),
    profile: [
      { attribute: 'attributes.role', operator: 'in', values: ['IT', 'Administration'], weight: 5 },
      { attribute: 'attributes.industry', operator: 'in', values: ['Produktion', 'Logistik', 'Dienstleistung'], weight: 1 },
    ],
    slug: 'it-administration',
  },
]

/** `pageUrls`: the demo frontend's article paths (public/demo/ratgeber/…) that show the interest. */
export type InterestSeed = {
  children: { label: Label; pageUrls?: string[]; slug: string }[]
  label: Label
  slug: string
}

export const INTERESTS: InterestSeed[] = [
  {
    children: [
      { label: label('E-Rechnung', 'E-invoicing'), pageUrls: ['/demo/ratgeber/e-rechnung'], slug: 'e-rechnung' },
      { label: label('Lohnabrechnung', 'Payroll'), slug: 'lohnabrechnung' },
      { label: label('Jahresabschluss', 'Year-end closing'), slug: 'jahresabschluss' },
    ],
    label: label('Finanzen & Buchhaltung', 'Finance & accounting'),
    slug: 'finanzen',
  },
  {
    children: [
      { label: label('Cloud-Umstieg', 'Moving to the cloud'), pageUrls: ['/demo/ratgeber/cloud'], slug: 'cloud-umstieg' },
      { label: label('Prozessautomatisierung', 'Process automation'), slug: 'prozessautomatisierung' },
      { label: label('KI im Büro', 'AI in the office'), slug: 'ki-im-buero' },
    ],
    label: label('Digitalisierung', 'Digitalisation'),
    slug: 'digitalisierung',
  },
  {
    children: [
      { label: label('DSGVO', 'GDPR'), slug: 'dsgvo' },
      { label: label('GoBD', 'GoBD'), pageUrls: ['/demo/ratgeber/gobd'], slug: 'gobd' },
      { label: label('Steuerrecht aktuell', 'Tax law updates'), slug: 'steuerrecht' },
    ],
    label: label('Recht & Compliance', 'Law & compliance'),
    slug: 'recht-compliance',
  },
  {
    children: [
      { label: label('Datensicherung', 'Backup'), slug: 'datensicherung' },
      { label: label('Zugriffsrechte', 'Access control'), slug: 'zugriffsrechte' },
      { label: label('Schnittstellen & API', 'Integrations & API'), slug: 'schnittstellen' },
    ],
    label: label('IT & Sicherheit', 'IT & security'),
    slug: 'it-sicherheit',
  },
]

export type TopicSeed = { description: Label; interests: string[]; name: Label; slug: string }

/** Newsletter topics of the preference center, each tied to interests. */
export const TOPICS: TopicSeed[] = [
  {
    description: label('Jeden Dienstag: Praxistipps zu Buchhaltung, Steuern und Digitalisierung.', 'Every Tuesday: tips on accounting, tax and digitalisation.'),
    interests: ['finanzen', 'digitalisierung'],
    name: label('Kontorwerk-Update', 'Kontorwerk update'),
    slug: 'wochen-update',
  },
  {
    description: label('Einladungen zu Webinaren und Veranstaltungen.', 'Invitations to webinars and events.'),
    interests: ['jahresabschluss', 'steuerrecht'],
    name: label('Webinare & Events', 'Webinars & events'),
    slug: 'webinare',
  },
  {
    description: label('Angebote und Neuigkeiten zu unseren Produkten.', 'Offers and product news.'),
    interests: ['e-rechnung', 'lohnabrechnung', 'schnittstellen'],
    name: label('Angebote & Produktneuheiten', 'Offers & product news'),
    slug: 'angebote',
  },
]
