/** A word in German, then English. */
type Pair = readonly [de: string, en: string]
type Words<T> = { [K in keyof T]: T[K] extends Pair ? string : Words<T[K]> }

/** The builder's own words, German first, each beside its English. */
const WORDS = {
  and: ['UND', 'AND'],
  addGroup: ['+ Gruppe', '+ Group'],
  addGroupTitle: ['Gruppe hinzufügen', 'Add group'],
  addRule: ['+ Bedingung', '+ Condition'],
  addRuleTitle: ['Bedingung hinzufügen', 'Add condition'],
  anyInterest: ['beliebiges Interesse', 'any interest'],
  anyTopic: ['jedes Thema', 'any topic'],
  attributeKey: ['Merkmal (Schlüssel)', 'Attribute (key)'],
  attributeValue: ['Vergleichswert', 'Value to compare'],
  boolean: ['Ja/Nein', 'Yes/No'],
  channel: ['Kanal', 'Channel'],
  choose: ['– bitte wählen –', '– please choose –'],
  combinator: ['Verknüpfung', 'Combinator'],
  condition: ['Bedingung', 'Condition'],
  count: ['Anzahl', 'Count'],
  days: ['Tage', 'Days'],
  daysUnit: ['Tagen', 'days'],
  eventType: ['Ereignistyp', 'Event type'],
  failed: ['Vorschau nicht möglich', 'Preview not available'],
  field: ['Feld', 'Field'],
  frequency: ['Häufigkeit', 'Frequency'],
  group: ['Gruppe', 'Group'],
  inLast: ['in den letzten', 'in the last'],
  interest: ['Interesse', 'Interest'],
  loadingOptions: ['Auswahllisten werden geladen …', 'Loading choices …'],
  member: ['Mitglied', 'member'],
  members: ['Mitglieder', 'members'],
  metric: ['Kennzahl', 'Metric'],
  minWeight: ['Mindestgewicht (0–1)', 'Minimum weight (0–1)'],
  no: ['nein', 'no'],
  not: ['Nicht', 'Not'],
  notTitle: ['Gruppe umkehren (NICHT)', 'Invert group (NOT)'],
  number: ['Zahl', 'Number'],
  operator: ['Operator', 'Operator'],
  optionsFailed: ['Auswahllisten konnten nicht geladen werden', 'Could not load the choices'],
  or: ['ODER', 'OR'],
  percent: ['Fit in Prozent', 'Fit in percent'],
  persona: ['Persona', 'Persona'],
  preview: ['Vorschau', 'Preview'],
  problems: ['Die Regeln sind so noch nicht auswertbar:', 'The rules cannot be evaluated yet:'],
  removeGroup: ['Gruppe entfernen', 'Remove group'],
  removeRule: ['Bedingung entfernen', 'Remove condition'],
  root: ['Regeln', 'Rules'],
  sample: ['Beispiele', 'Examples'],
  segment: ['Segment', 'Segment'],
  source: ['Quelle', 'Source'],
  stage: ['Phase', 'Stage'],
  text: ['Text', 'Text'],
  times: ['mal', 'times'],
  topic: ['Thema', 'Topic'],
  sampleWithheld: ['Dieses Segment wählt nach personenbezogenen Daten aus: Beispiele sehen und Regeln ändern nur Admins.', 'This segment selects by personal data: only admins see examples and change its rules.'],
  type: ['Vergleich als', 'Compare as'],
  unknown: ['unbekannt', 'unknown'],
  value: ['Wert', 'Value'],
  yes: ['ja', 'yes'],
  metrics: {
    frequency: ['Anzahl Käufe', 'Number of purchases'],
    frequencyScore: ['Frequency-Score', 'Frequency score'],
    monetary: ['Umsatz', 'Revenue'],
    monetaryScore: ['Monetary-Score', 'Monetary score'],
    recencyDays: ['Tage seit letztem Kauf', 'Days since last purchase'],
    recencyScore: ['Recency-Score', 'Recency score'],
  },
  sources: {
    any: ['beliebige Quelle', 'any source'],
    explicit: ['selbst gewählt', 'chosen by the subscriber'],
    implicit: ['aus Verhalten', 'from behaviour'],
  },
} as const

function inLanguage<T extends object>(words: T, index: 0 | 1): Words<T> {
  return Object.fromEntries(Object.entries(words).map(([key, word]) => [key, Array.isArray(word) ? word[index] : inLanguage(word as object, index)])) as Words<T>
}

/** The words in the admin language. */
export const TEXT = { de: inLanguage(WORDS, 0), en: inLanguage(WORDS, 1) }

export type Lang = keyof typeof TEXT
export type Text = (typeof TEXT)[Lang]
