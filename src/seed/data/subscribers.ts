import { INTERESTS, PERSONAS } from './taxonomy'

export type SubscriberSeed = {
  academicTitle?: string
  addressForm: 'formal' | 'informal'
  attributes: Record<string, number | string>
  email: string
  firstName?: string
  gender: 'diverse' | 'female' | 'male' | 'unspecified'
  interests: { interest: string; lastSeenDaysAgo: number; source: 'explicit' | 'implicit'; weight: number }[]
  lastName?: string
  locale: 'de' | 'en'
  /** Demo consent history: topics confirmed by double opt-in, one still pending, some withdrawn. */
  consents: { confirmed: string[]; pending: string[]; tracking: boolean; withdrawn: string[] }
  persona?: string
  /** Written as `purchase` events (the one source of purchases), not onto the subscriber. */
  purchases: { amount: number; daysAgo: number; product: string }[]
  region: string
  stage: string
}

/** Net list prices of the demo's products in EUR (the purchase events' amount). */
const PRICES: Record<string, number> = { 'basis-paket': 49, 'e-rechnung-modul': 149, 'lohn-modul': 249 }

/** Small deterministic PRNG (mulberry32): the demo is the same on every machine. */
function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const FEMALE = ['Anna', 'Julia', 'Katrin', 'Sabine', 'Laura', 'Miriam', 'Petra', 'Svenja', 'Lea', 'Claudia', 'Aylin', 'Marta', 'Ingrid', 'Nele']
const MALE = ['Thomas', 'Stefan', 'Jonas', 'Michael', 'Lukas', 'Andreas', 'Mehmet', 'Frank', 'Tobias', 'Jan', 'Klaus', 'Piotr', 'Felix', 'Hendrik']
const NEUTRAL = ['Alex', 'Kim', 'Robin', 'Sascha', 'Luca', 'Charlie']
const LAST = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Becker', 'Hoffmann', 'Keller', 'Berger', 'Wagner', 'Krüger', 'Yılmaz', 'Nowak', 'Schäfer', 'Hartmann', 'Lange', 'Köhler', 'Brandt', 'Vogel', 'Özdemir']
const REGIONS = ['DE-BY', 'DE-BW', 'DE-NW', 'DE-HE', 'DE-NI', 'DE-BE', 'DE-HH', 'DE-SN', 'DE-RP', 'DE-SH', 'AT-9', 'CH-ZH']
const INDUSTRIES = ['Handel', 'Handwerk', 'Dienstleistung', 'Produktion', 'Logistik', 'Gastronomie']
const DOMAINS = ['example.com', 'example.org', 'example.net', 'kanzlei-berger.example', 'mueller-logistik.example', 'werkstatt-nord.example']
const STAGES: [string, number][] = [
  ['subscriber', 0.22], ['lead', 0.25], ['mql', 0.12], ['sql', 0.06], ['customer', 0.18], ['repeat_customer', 0.07], ['at_risk', 0.06], ['inactive', 0.04],
]
const ROLES_BY_PERSONA: Record<string, string[]> = {
  [PERSONAS[0].slug]: ['Geschäftsführung', 'Inhaber'],
  [PERSONAS[1].slug]: ['Finanzen', 'Buchhaltung', 'Controlling'],
  [PERSONAS[2].slug]: ['IT', 'Administration'],
}

const asciiLocal = (value: string) =>
  value.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss').replace(/ı/g, 'i').normalize('NFKD').replace(/[^a-z]/g, '')

export function demoSubscribers(count = 200, seed = 20261123): SubscriberSeed[] {
  const rnd = random(seed)
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]
  const weighted = (entries: [string, number][]) => {
    let roll = rnd()
    for (const [value, weight] of entries) if ((roll -= weight) < 0) return value
    return entries[entries.length - 1][0]
  }
  const childInterests = INTERESTS.flatMap((group) => group.children.map((child) => child.slug))

  return Array.from({ length: count }, (_, index) => {
    const roll = rnd()
    const gender = roll < 0.45 ? 'female' : roll < 0.88 ? 'male' : roll < 0.94 ? 'diverse' : 'unspecified'
    const anonymous = rnd() < 0.05 // only an address: the salutation must still read well
    const firstName = anonymous ? undefined : pick(gender === 'female' ? FEMALE : gender === 'male' ? MALE : NEUTRAL)
    const lastName = anonymous ? undefined : pick(LAST)
    const titleRoll = rnd()
    const persona = rnd() < 0.85 ? pick(PERSONAS).slug : undefined
    const interestCount = 1 + Math.floor(rnd() * 4)
    const interests = [...new Set(Array.from({ length: interestCount }, () => pick(childInterests)))].map((interest) => {
      const implicit = rnd() < 0.4
      return {
        interest,
        lastSeenDaysAgo: Math.floor(rnd() * 120),
        source: implicit ? ('implicit' as const) : ('explicit' as const),
        weight: implicit ? Math.round((0.2 + rnd() * 0.7) * 100) / 100 : 1,
      }
    })
    const stage = weighted(STAGES)
    const customer = stage === 'customer' || stage === 'repeat_customer'
    const product = customer ? pick(['lohn-modul', 'e-rechnung-modul', 'basis-paket']) : null
    // Within the last 60 days: an older purchase as the last engagement would move the customer to at_risk
    // ("60 Tage ohne Reaktion") as soon as the intake settles it, and the demo's stages are chosen, not computed.
    const purchases = product ? [{ amount: PRICES[product], daysAgo: Math.floor(rnd() * 60), product }] : []
    const topics = ['wochen-update', 'webinare', 'angebote'].filter(() => rnd() < 0.6)
    const consentRoll = rnd()
    const consents = {
      confirmed: consentRoll < 0.8 ? topics : [],
      pending: consentRoll >= 0.8 && consentRoll < 0.9 ? topics : [],
      tracking: rnd() < 0.6,
      withdrawn: consentRoll >= 0.9 ? topics : [],
    }
    const local = firstName && lastName ? `${asciiLocal(firstName)}.${asciiLocal(lastName)}` : `kontakt`
    return {
      academicTitle: anonymous ? undefined : titleRoll < 0.1 ? 'Dr.' : titleRoll < 0.12 ? 'Prof. Dr.' : undefined,
      addressForm: rnd() < 0.75 ? 'formal' : 'informal',
      consents,
      attributes: {
        company: `${pick(LAST)} ${pick(['GmbH', 'KG', 'AG', 'e.K.', 'GmbH & Co. KG'])}`,
        companySize: pick([4, 12, 25, 48, 80, 150, 320, 900]),
        industry: pick(INDUSTRIES),
        role: persona ? pick(ROLES_BY_PERSONA[persona]) : pick(['Vertrieb', 'Marketing', 'Einkauf']),
      },
      email: `${local}.${index + 1}@${pick(DOMAINS)}`,
      firstName,
      gender,
      interests,
      lastName,
      locale: rnd() < 0.85 ? 'de' : 'en',
      persona,
      purchases,
      region: pick(REGIONS),
      stage,
    }
  })
}
