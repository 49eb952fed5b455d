type Id = number | string
type Lookup = (kind: 'interest' | 'persona' | 'stage' | 'topic', slug: string) => Id

export type SegmentSeed = { description: string; name: string; rules: (lookup: Lookup, segmentId: (name: string) => Id) => unknown }

/** The demo's segments (docs/plugins/segments.md#the-demo): who gets what, and whom not to contact. Later ones use earlier ones. */
export const SEGMENTS: SegmentSeed[] = [
  {
    description: 'Ab MQL, Gesamtscore mindestens 60 und eine bestätigte E-Mail-Einwilligung.',
    name: 'Heiße Leads',
    rules: (id) => ({
      combinator: 'and',
      rules: [
        { field: 'stage', operator: 'atLeast', value: id('stage', 'mql') },
        { field: 'totalScore', operator: '>=', value: 60 },
        { field: 'consent', operator: 'granted', value: { channel: 'email', topic: null } },
      ],
    }),
  },
  {
    description: 'Hat E-Rechnung gewählt (oder klickt darauf: zweimal in 30 Tagen).',
    name: 'Interesse E-Rechnung',
    rules: (id) => ({
      combinator: 'or',
      rules: [
        { field: 'interest', operator: 'has', value: { interest: id('interest', 'e-rechnung'), minWeight: 0.5, source: 'any' } },
        { field: 'events', operator: 'atLeast', value: { count: 2, days: 30, interest: id('interest', 'e-rechnung'), type: 'email_clicked' } },
      ],
    }),
  },
  {
    description: 'Persona-Fit Geschäftsführung Mittelstand mindestens 60 %.',
    name: 'Geschäftsführung (Fit ab 60 %)',
    rules: (id) => ({ combinator: 'and', rules: [{ field: 'persona', operator: 'fitAtLeast', value: { percent: 60, persona: id('persona', 'geschaeftsfuehrung-mittelstand') } }] }),
  },
  {
    description: 'Kontaktregel zum Ausschließen: pausiert oder in den letzten 30 Tagen schon zweimal angeschrieben.',
    name: 'Kontaktsperre',
    rules: () => ({
      combinator: 'or',
      rules: [
        { field: 'paused', operator: 'is', value: null },
        { field: 'contacted', operator: 'atLeast', value: { channel: 'email', count: 2, days: 30 } },
      ],
    }),
  },
  {
    description: 'Wochen-Update abonniert und nicht gesperrt: die Zielgruppe des Newsletters.',
    name: 'Newsletter-Zielgruppe',
    rules: (id, segment) => ({
      combinator: 'and',
      rules: [
        { field: 'consent', operator: 'granted', value: { channel: 'email', topic: id('topic', 'wochen-update') } },
        { combinator: 'and', not: true, rules: [{ field: 'segment', operator: 'in', value: segment('Kontaktsperre') }] },
      ],
    }),
  },
]
