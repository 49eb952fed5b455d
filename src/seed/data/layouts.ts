/** Demo newsletter and landing page; slot fallbacks and filters refer to blocks by title, interests by slug. */
export const NEWSLETTERS = [
  {
    name: 'Kontorwerk-Update (wöchentlich)',
    preheader: 'Praxistipps zu Buchhaltung, Steuern und Digitalisierung',
    slots: [
      { count: 1, fallback: 'Neu im Kontorwerk-Blog', key: 'aufmacher', label: 'Aufmacher', strategy: 'relevance' },
      { count: 2, fallback: 'Neu im Kontorwerk-Blog', goals: ['nurture'], key: 'wissen', label: 'Wissen', strategy: 'relevance' },
      { count: 1, fallback: 'Wir helfen gern', goals: ['acquisition', 'upsell', 'cross_sell', 'winback'], key: 'angebot', label: 'Angebot', strategy: 'priority' },
      { count: 1, fallback: 'Wir helfen gern', goals: ['onboarding', 'retention'], key: 'service', label: 'Service', strategy: 'freshness' },
    ],
    slug: 'wochen-update',
    subject: 'Ihr Kontorwerk-Update{% if subscriber.first_name %} für {{ subscriber.first_name }}{% endif %}',
  },
] as const

export const LANDING_PAGES = [
  {
    hero: { headline: 'Buchhaltung, die zu Ihnen passt', subline: 'Ausgewählt nach Ihren Themen: Finanzen, Recht und Digitalisierung.' },
    seo: { description: 'Praxiswissen und Angebote rund um E-Rechnung, GoBD und Cloud-Buchhaltung.', title: 'Kontorwerk – für Sie ausgewählt' },
    slots: [
      { channel: 'landing_page', count: 2, fallback: 'Buchhaltung, die mitdenkt', key: 'themen', label: 'Ihre Themen', strategy: 'relevance' },
      { channel: 'landing_page', count: 1, fallback: 'Buchhaltung, die mitdenkt', goals: ['acquisition', 'upsell', 'winback'], key: 'angebot', label: 'Angebot', strategy: 'priority' },
    ],
    slug: 'fuer-sie',
    title: 'Für Sie ausgewählt',
  },
] as const
