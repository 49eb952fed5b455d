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
    subject: 'Ihr Kontorwerk-Update für {{ subscriber.address_name_accusative }}',
  },
] as const

/** The slots every demo landing page has: the reader's topics first, then one offer. */
const LANDING_SLOTS = [
  { channel: 'landing_page', count: 2, fallback: 'Buchhaltung, die mitdenkt', key: 'themen', label: 'Ihre Themen', strategy: 'relevance' },
  { channel: 'landing_page', count: 1, fallback: 'Buchhaltung, die mitdenkt', goals: ['acquisition', 'upsell', 'winback'], key: 'angebot', label: 'Angebot', strategy: 'priority' },
] as const

const landingPage = (slug: string, title: string, headline: string, subline: string, description: string) => ({
  hero: { headline, subline },
  seo: { description, title: `Kontorwerk – ${title}` },
  slots: LANDING_SLOTS,
  slug,
  title,
})

/**
 * Demo landing pages, opened at `/p/<slug>`: every demo block's call to action leads to one of them,
 * personalized by the token the mail's link carries ("für Frau Dr. Berger") or neutral ("für Sie").
 */
export const LANDING_PAGES = [
  {
    hero: { headline: 'Buchhaltung, die zu Ihnen passt', subline: 'Ausgewählt für {{ subscriber.address_name_accusative }}: Finanzen, Recht und Digitalisierung.' },
    seo: { description: 'Praxiswissen und Angebote rund um E-Rechnung, GoBD und Cloud-Buchhaltung.', title: 'Kontorwerk – für Sie ausgewählt' },
    slots: LANDING_SLOTS,
    slug: 'fuer-sie',
    title: 'Für Sie ausgewählt',
  },
  landingPage('finanzen', 'Finanzen', 'E-Rechnung, Lohn und Abschluss im Griff', 'Leitfäden, Rechner und Webinare, ausgewählt für {{ subscriber.address_name_accusative }}.', 'Leitfäden und Werkzeuge zu E-Rechnung, Lohnabrechnung und Jahresabschluss.'),
  landingPage('digitalisierung', 'Digitalisierung', 'Buchhaltung in der Cloud', 'Wie der Umstieg gelingt – ausgewählt für {{ subscriber.address_name_accusative }}.', 'Cloud-Umstieg, Automatisierung und KI-Belegerkennung in der Praxis.'),
  landingPage('recht-und-steuern', 'Recht und Steuern', 'Recht und Steuern aktuell', 'DSGVO, GoBD und Fristen – ausgewählt für {{ subscriber.address_name_accusative }}.', 'Checklisten und Vorlagen zu DSGVO, GoBD und Steuerrecht.'),
  landingPage('it-sicherheit', 'IT-Sicherheit', 'Sicher und offen angebunden', 'Datensicherung, Rollen und Schnittstellen – ausgewählt für {{ subscriber.address_name_accusative }}.', 'Sicherheitskonzept, Zugriffsrechte und API von Kontorwerk.'),
  landingPage('kundenservice', 'Kundenservice', 'Mehr aus Kontorwerk herausholen', 'Module, Hilfe und Tipps – ausgewählt für {{ subscriber.address_name_accusative }}.', 'Module freischalten, Hilfe-Center und Tipps für Kontorwerk-Kunden.'),
  landingPage('demo', 'Demo und Beratung', 'Kontorwerk kennenlernen', 'Demo, Testzugang oder persönliche Beratung – ausgewählt für {{ subscriber.address_name_accusative }}.', 'Kontorwerk 30 Tage testen, eine Demo vereinbaren oder beraten lassen.'),
]
