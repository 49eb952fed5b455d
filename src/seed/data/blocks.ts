import type { Channel, Goal } from '@kontorwerk/personalization'

export type BlockSeed = {
  channels: Channel[]
  /** Key of a demo conversion the call to action converts on, and its window in days (empty: ever). */
  convertsOn?: [key: string, windowDays?: number]
  /** Label and link: a demo landing page (`/p/<slug>`, layouts.ts), so every demo link opens on the CMS. */
  cta?: [label: string, url: string]
  discountProduct?: string
  draft?: true
  fallback?: true
  goal?: Goal
  image?: string
  interests?: string[]
  locale?: 'de' | 'en'
  personas?: string[]
  priority?: number
  /** Region codes (see regions.ts). */
  regions?: string[]
  stages?: string[]
  text: string[]
  title: string
  /** Validity window in days relative to the seed run. */
  valid?: [fromDays: null | number, untilDays: null | number]
}

const GF = 'geschaeftsfuehrung-mittelstand'
const FIBU = 'leitung-finanzbuchhaltung'
const IT = 'it-administration'
const EARLY = ['subscriber', 'lead']
const QUALIFIED = ['mql', 'sql']
const CUSTOMERS = ['customer', 'repeat_customer']
const LAPSED = ['at_risk', 'inactive']

export const BLOCKS: BlockSeed[] = [
  // E-Rechnung
  { channels: ['email', 'web'], cta: ['Leitfaden laden', '/p/finanzen'], goal: 'nurture', image: 'e-rechnung', interests: ['e-rechnung'], personas: [GF, FIBU], priority: 70, stages: EARLY, text: ['Seit 2025 müssen Unternehmen E-Rechnungen empfangen können, ab 2027 auch versenden. Unser Leitfaden zeigt in zehn Schritten, was jetzt zu tun ist.'], title: 'E-Rechnungspflicht: Ihr Fahrplan bis 2027' },
  { channels: ['email'], cta: ['Checkliste öffnen', '/p/finanzen'], goal: 'nurture', interests: ['e-rechnung'], personas: [FIBU], priority: 60, stages: QUALIFIED, text: ['XRechnung oder ZUGFeRD? Die Checkliste vergleicht beide Formate und sagt, welches Ihre Kunden erwarten.'], title: 'XRechnung oder ZUGFeRD – was passt zu Ihnen?' },
  { channels: ['landing_page', 'web'], convertsOn: ['demo-request', 90], cta: ['Demo vereinbaren', '/p/demo'], goal: 'acquisition', interests: ['e-rechnung'], personas: [GF, FIBU], priority: 65, stages: [...EARLY, ...QUALIFIED], text: ['Eingangsrechnungen per E-Mail landen automatisch im Kontorwerk-Posteingang, werden gelesen, geprüft und zur Freigabe vorgelegt.'], title: 'E-Rechnungen empfangen, ohne abzutippen' },
  { channels: ['email'], cta: ['Modul freischalten', '/p/kundenservice'], goal: 'upsell', interests: ['e-rechnung'], priority: 75, stages: CUSTOMERS, text: ['Als Kontorwerk-Kunde schalten Sie das E-Rechnungsmodul mit einem Klick frei – die ersten drei Monate ohne Aufpreis.'], title: 'Ihr E-Rechnungsmodul ist bereit' },
  // Lohnabrechnung
  { channels: ['email'], cta: ['Zum Artikel', '/p/finanzen'], goal: 'nurture', interests: ['lohnabrechnung'], personas: [GF], priority: 55, stages: EARLY, text: ['Selbst abrechnen, Steuerbüro oder Software? Wir rechnen die Kosten für einen Betrieb mit 25 Beschäftigten durch.'], title: 'Lohnabrechnung: selbst machen oder abgeben?' },
  { channels: ['email', 'landing_page'], cta: ['Rechner starten', '/p/finanzen'], goal: 'nurture', image: 'lohn', interests: ['lohnabrechnung'], personas: [GF, FIBU], priority: 60, stages: QUALIFIED, text: ['Der Lohnkostenrechner zeigt Arbeitgeberanteile, Umlagen und Nettolohn für jede Gehaltsstufe.'], title: 'Lohnkosten in zwei Minuten berechnen' },
  { channels: ['email'], cta: ['Rabatt sichern', '/p/kundenservice'], discountProduct: 'lohn-modul', goal: 'upsell', interests: ['lohnabrechnung'], priority: 85, stages: ['customer', 'repeat_customer', 'sql'], text: ['Nur bis Monatsende: 20 % Rabatt auf das Lohnmodul im ersten Jahr.'], title: '20 % auf das Lohnmodul' },
  { channels: ['email'], cta: ['Jetzt hinzubuchen', '/p/kundenservice'], goal: 'cross_sell', interests: ['lohnabrechnung'], priority: 70, stages: CUSTOMERS, text: ['Ihre Buchhaltung läuft schon in Kontorwerk. Mit dem Lohnmodul fließen die Lohnbuchungen ohne Export direkt hinein.'], title: 'Lohn und Buchhaltung aus einer Hand' },
  // Jahresabschluss
  { channels: ['email', 'web'], cta: ['Webinar-Platz sichern', '/p/finanzen'], goal: 'nurture', interests: ['jahresabschluss'], personas: [FIBU], priority: 80, stages: [...EARLY, ...QUALIFIED, ...CUSTOMERS], text: ['Live-Webinar mit Steuerberaterin Dr. Anja Krüger: Die zehn häufigsten Fehler im Jahresabschluss und wie Sie sie vermeiden.'], title: 'Webinar: Jahresabschluss ohne Überstunden', valid: [-7, 30] },
  { channels: ['email'], cta: ['Vorlage laden', '/p/finanzen'], goal: 'retention', interests: ['jahresabschluss'], personas: [FIBU], priority: 55, stages: CUSTOMERS, text: ['Mit unserem Abschlussplan behalten Sie Fristen, Zuständigkeiten und offene Posten im Blick.'], title: 'Abschlussplan für Ihr Team' },
  { channels: ['email'], goal: 'nurture', interests: ['jahresabschluss'], personas: [FIBU], priority: 50, stages: QUALIFIED, text: ['Rückblick: die Aufzeichnung unseres Webinars zum Jahresabschluss 2025.'], title: 'Aufzeichnung: Jahresabschluss 2025', valid: [-400, -30] },
  // Cloud-Umstieg
  { channels: ['email', 'landing_page'], convertsOn: ['whitepaper-cloud'], cta: ['Whitepaper laden', '/p/digitalisierung'], goal: 'nurture', image: 'cloud', interests: ['cloud-umstieg'], personas: [GF, IT], priority: 65, stages: EARLY, text: ['Rechenzentrum in Frankfurt, tägliche Sicherung, ISO 27001: Was eine Buchhaltung in der Cloud sicherer macht als den Server im Keller.'], title: 'Whitepaper: Buchhaltung in der Cloud' },
  { channels: ['email'], cta: ['Migrationsplan ansehen', '/p/digitalisierung'], goal: 'nurture', interests: ['cloud-umstieg'], personas: [IT], priority: 60, stages: QUALIFIED, text: ['Vom lokalen Programm in die Cloud an einem Wochenende: Unser Migrationsteam übernimmt Stammdaten, offene Posten und Belege.'], title: 'Umstieg am Wochenende – so läuft die Migration' },
  { channels: ['landing_page'], cta: ['30 Tage kostenlos testen', '/p/demo'], goal: 'acquisition', interests: ['cloud-umstieg'], priority: 70, stages: EARLY, text: ['Testen Sie Kontorwerk 30 Tage mit Ihren echten Daten. Keine Kreditkarte, keine automatische Verlängerung.'], title: '30 Tage kostenlos testen' },
  // Prozessautomatisierung
  { channels: ['email', 'web'], cta: ['Praxisbeispiel lesen', '/p/digitalisierung'], goal: 'nurture', interests: ['prozessautomatisierung'], personas: [GF], priority: 60, stages: EARLY, text: ['Ein Großhändler aus Bielefeld spart 14 Stunden pro Woche, seit Zahlungen automatisch den Rechnungen zugeordnet werden.'], title: '14 Stunden pro Woche gespart' },
  { channels: ['email'], cta: ['Regeln einrichten', '/p/kundenservice'], goal: 'onboarding', interests: ['prozessautomatisierung'], priority: 65, stages: ['customer'], text: ['Mit Bankregeln bucht Kontorwerk wiederkehrende Zahlungen wie Miete oder Leasing automatisch. So richten Sie die erste Regel ein.'], title: 'Erste Bankregel in fünf Minuten' },
  { channels: ['email', 'landing_page'], cta: ['Workshop anfragen', '/p/kundenservice'], goal: 'upsell', interests: ['prozessautomatisierung'], personas: [FIBU], priority: 60, stages: ['repeat_customer'], text: ['Im halbtägigen Automatisierungs-Workshop analysieren wir Ihre Buchhaltungsprozesse und richten die wichtigsten Regeln gemeinsam ein.'], title: 'Automatisierungs-Workshop für Ihr Team' },
  // KI im Büro
  { channels: ['email', 'web'], cta: ['Mehr erfahren', '/p/digitalisierung'], goal: 'nurture', interests: ['ki-im-buero'], priority: 55, stages: [...EARLY, ...QUALIFIED], text: ['Die neue Belegerkennung liest Lieferant, Betrag, Steuersatz und Fälligkeit aus – auch aus Fotos vom Handy.'], title: 'Belege lesen lassen statt abtippen' },
  { channels: ['push'], cta: ['Jetzt ausprobieren', '/p/kundenservice'], goal: 'retention', interests: ['ki-im-buero'], priority: 50, stages: CUSTOMERS, text: ['Neu in der App: Beleg fotografieren, fertig.'], title: 'Neu: Belegfoto in der App' },
  { channels: ['email'], goal: 'nurture', interests: ['ki-im-buero'], priority: 40, stages: QUALIFIED, text: ['Ab dem nächsten Quartal: Kontorwerk schlägt Buchungen vor und lernt aus Ihren Korrekturen.'], title: 'Vorschau: KI-Buchungsvorschläge', valid: [14, 120] },
  // DSGVO
  { channels: ['email', 'web'], cta: ['Checkliste laden', '/p/recht-und-steuern'], goal: 'nurture', interests: ['dsgvo'], personas: [GF, IT], priority: 60, stages: EARLY, text: ['Auftragsverarbeitung, Löschfristen, Auskunftsrecht: die DSGVO-Checkliste für die Buchhaltung auf einer Seite.'], title: 'DSGVO in der Buchhaltung: die Checkliste' },
  { channels: ['email'], cta: ['AV-Vertrag herunterladen', '/p/recht-und-steuern'], goal: 'onboarding', interests: ['dsgvo'], priority: 55, stages: ['customer'], text: ['Ihren Vertrag zur Auftragsverarbeitung finden Sie jederzeit in den Kontoeinstellungen – bereits unterschrieben.'], title: 'Ihr AV-Vertrag liegt bereit' },
  // GoBD
  { channels: ['email', 'landing_page'], cta: ['Verfahrensdoku-Vorlage', '/p/recht-und-steuern'], goal: 'nurture', interests: ['gobd'], personas: [FIBU], priority: 65, stages: [...EARLY, ...QUALIFIED], text: ['Ohne Verfahrensdokumentation droht bei der Betriebsprüfung eine Schätzung. Unsere Vorlage ist in einem Nachmittag ausgefüllt.'], title: 'Verfahrensdokumentation nach GoBD' },
  { channels: ['email'], goal: 'retention', interests: ['gobd'], personas: [FIBU], priority: 50, stages: CUSTOMERS, text: ['Kontorwerk archiviert Belege revisionssicher für zehn Jahre. Im Archivbericht sehen Sie, was wann abgelegt wurde.'], title: 'Revisionssicher archiviert – der Archivbericht' },
  // Steuerrecht
  { channels: ['email', 'web'], cta: ['Alle Änderungen', '/p/recht-und-steuern'], goal: 'nurture', interests: ['steuerrecht'], personas: [GF, FIBU], priority: 75, stages: [...EARLY, ...QUALIFIED, ...CUSTOMERS], text: ['Neue Grenzen für Kleinunternehmer, geänderte Abschreibungsregeln und was das Wachstumschancengesetz für Sie bedeutet.'], title: 'Steuer-Update: Das ändert sich zum Jahreswechsel', valid: [-14, 60] },
  { channels: ['email', 'web'], cta: ['Platz reservieren', '/p/finanzen'], goal: 'nurture', interests: ['e-rechnung'], priority: 60, regions: ['AT'], stages: [...EARLY, ...QUALIFIED, ...CUSTOMERS], text: ['ebInterface, Peppol und die Rechnungspflicht im Bund: Unser Praxisabend in Wien zeigt, was österreichische Betriebe jetzt brauchen.'], title: 'Praxisabend in Wien: E-Rechnung in Österreich' },
  { channels: ['email', 'web'], cta: ['Feiertage prüfen', '/p/finanzen'], goal: 'nurture', interests: ['lohnabrechnung'], priority: 55, regions: ['DE-BY'], stages: [...EARLY, ...QUALIFIED, ...CUSTOMERS], text: ['Mariä Himmelfahrt, Fronleichnam, Augsburger Friedensfest: Welche Feiertage Ihre Lohnabrechnung in Bayern kennen muss.'], title: 'Lohn in Bayern: die regionalen Feiertage' },
  { channels: ['sms'], cta: ['Details', '/p/recht-und-steuern'], goal: 'retention', interests: ['steuerrecht'], priority: 60, stages: CUSTOMERS, text: ['Erinnerung: Umsatzsteuer-Voranmeldung bis zum 10. einreichen.'], title: 'Frist: Umsatzsteuer-Voranmeldung' },
  // Datensicherung
  { channels: ['email'], cta: ['Sicherheitskonzept lesen', '/p/it-sicherheit'], goal: 'nurture', interests: ['datensicherung'], personas: [IT], priority: 60, stages: [...EARLY, ...QUALIFIED], text: ['Drei Rechenzentren, stündliche Sicherungen, Wiederherstellung auf Knopfdruck: So schützen wir Ihre Buchhaltungsdaten.'], title: 'So sichern wir Ihre Daten' },
  { channels: ['email', 'landing_page'], goal: 'retention', interests: ['datensicherung'], personas: [IT], priority: 45, stages: CUSTOMERS, text: ['Im Admin-Bereich können Sie jederzeit eine vollständige Datensicherung im DATEV-Format exportieren.'], title: 'Eigene Sicherung exportieren' },
  // Zugriffsrechte
  { channels: ['email'], cta: ['Rollen einrichten', '/p/it-sicherheit'], goal: 'onboarding', interests: ['zugriffsrechte'], personas: [IT, GF], priority: 60, stages: ['customer'], text: ['Buchhaltung sieht alles, der Vertrieb nur Rechnungen, die Steuerberaterin nur Lesezugriff: Rollen in drei Schritten.'], title: 'Wer darf was? Rollen einrichten' },
  { channels: ['web'], goal: 'nurture', interests: ['zugriffsrechte'], personas: [IT], priority: 50, stages: QUALIFIED, text: ['Single Sign-on mit Microsoft Entra ID und Google Workspace ist in allen Tarifen enthalten.'], title: 'Single Sign-on inklusive' },
  // Schnittstellen
  { channels: ['email', 'web'], cta: ['API-Dokumentation', '/p/it-sicherheit'], goal: 'nurture', interests: ['schnittstellen'], personas: [IT], priority: 65, stages: [...EARLY, ...QUALIFIED], text: ['REST-API, Webhooks und fertige Anbindungen an Shopware, Shopify und Personio: Kontorwerk passt in Ihre Systemlandschaft.'], title: 'Offene Schnittstellen für Ihre Systeme' },
  { channels: ['email'], cta: ['Integration aktivieren', '/p/kundenservice'], goal: 'cross_sell', interests: ['schnittstellen'], priority: 60, stages: CUSTOMERS, text: ['Verbinden Sie Ihren Onlineshop: Bestellungen werden automatisch zu Rechnungen und Buchungen.'], title: 'Onlineshop anbinden' },
  // Stage-driven campaigns
  { channels: ['email'], cta: ['Loslegen', '/p/kundenservice'], goal: 'onboarding', priority: 90, stages: ['customer'], text: ['Schön, dass Sie da sind! In drei Schritten ist Ihre Buchhaltung startklar: Bank verbinden, Belege hochladen, Steuerberater einladen.'], title: 'Willkommen bei Kontorwerk' },
  { channels: ['email'], cta: ['Termin buchen', '/p/demo'], goal: 'nurture', priority: 70, stages: ['sql'], text: ['Unsere Beraterin Svenja Hartmann nimmt sich 30 Minuten Zeit für Ihre Fragen – kostenlos und unverbindlich.'], title: 'Persönliche Beratung in 30 Minuten' },
  { channels: ['email', 'landing_page'], cta: ['Angebot ansehen', '/p/demo'], goal: 'winback', priority: 80, stages: LAPSED, text: ['Wir haben Sie vermisst. Seit Ihrem letzten Besuch sind E-Rechnung, Belegfoto und Bankregeln dazugekommen – drei Monate zum halben Preis.'], title: 'Wir haben Sie vermisst' },
  { channels: ['email'], cta: ['Einstellungen prüfen', '/p/kundenservice'], goal: 'winback', priority: 60, stages: ['inactive'], text: ['Möchten Sie weiterhin von uns hören? Wählen Sie Themen und Häufigkeit, die zu Ihnen passen.'], title: 'Sollen wir weiter schreiben?' },
  { channels: ['email'], cta: ['Empfehlen', '/p/kundenservice'], goal: 'retention', priority: 55, stages: ['repeat_customer'], text: ['Empfehlen Sie Kontorwerk weiter: Für jede Empfehlung schenken wir Ihnen und Ihrem Kontakt einen Monat.'], title: 'Empfehlen lohnt sich' },
  // Drafts (visible to staff only)
  { channels: ['email'], draft: true, goal: 'upsell', interests: ['ki-im-buero'], priority: 50, stages: CUSTOMERS, text: ['Entwurf: Ankündigung des KI-Pakets für Bestandskunden.'], title: 'Entwurf: KI-Paket für Kunden' },
  { channels: ['landing_page'], draft: true, goal: 'acquisition', priority: 50, stages: EARLY, text: ['Entwurf: Frühjahrsaktion.'], title: 'Entwurf: Frühjahrsaktion' },
  // English
  { channels: ['email', 'web'], cta: ['Read the guide', '/p/finanzen'], goal: 'nurture', interests: ['e-rechnung'], locale: 'en', personas: [GF, FIBU], priority: 70, stages: EARLY, text: ['Germany is phasing in mandatory e-invoicing between 2025 and 2028. Our guide explains what international companies need to prepare.'], title: 'E-invoicing in Germany: your roadmap' },
  { channels: ['email'], cta: ['See the API', '/p/it-sicherheit'], goal: 'nurture', interests: ['schnittstellen'], locale: 'en', personas: [IT], priority: 65, stages: [...EARLY, ...QUALIFIED], text: ['REST API, webhooks and ready-made connectors: Kontorwerk fits into your stack.'], title: 'Open APIs for your systems' },
  { channels: ['email'], cta: ['Get started', '/p/kundenservice'], goal: 'onboarding', locale: 'en', priority: 90, stages: ['customer'], text: ['Welcome aboard! Connect your bank, upload receipts and invite your tax adviser to get going.'], title: 'Welcome to Kontorwerk' },
  // Fallbacks: every channel and locale has a generic block
  { channels: ['email'], cta: ['Zum Blog', '/p/digitalisierung'], fallback: true, goal: 'nurture', image: 'team', priority: 10, text: ['Praxistipps zu Buchhaltung, Steuern und Digitalisierung – jede Woche neu im Kontorwerk-Blog.'], title: 'Neu im Kontorwerk-Blog' },
  { channels: ['email'], cta: ['Hilfe-Center', '/p/kundenservice'], fallback: true, goal: 'retention', priority: 5, text: ['Fragen? Unser Support-Team in Hamburg antwortet werktags innerhalb von zwei Stunden.'], title: 'Wir helfen gern' },
  { channels: ['landing_page', 'web'], cta: ['Produkt entdecken', '/p/digitalisierung'], fallback: true, goal: 'nurture', image: 'team', priority: 10, text: ['Kontorwerk ist die Cloud-Buchhaltung für den Mittelstand: Belege, Banking, Rechnungen und Lohn an einem Ort.'], title: 'Buchhaltung, die mitdenkt' },
  { channels: ['push', 'sms'], fallback: true, goal: 'retention', priority: 5, text: ['Neuigkeiten in Ihrem Kontorwerk-Konto.'], title: 'Neuigkeiten für Sie' },
  { channels: ['email', 'landing_page', 'web'], cta: ['Visit the blog', '/p/digitalisierung'], fallback: true, goal: 'nurture', locale: 'en', priority: 10, text: ['Practical tips on accounting, tax and digitalisation, every week on the Kontorwerk blog.'], title: 'New on the Kontorwerk blog' },
]
