export type SalutationInput = {
  academicTitle?: null | string
  addressForm?: 'formal' | 'informal' | null
  firstName?: null | string
  gender?: 'diverse' | 'female' | 'male' | 'unspecified' | null
  lastName?: null | string
  locale?: null | string
}

const clean = (value: null | string | undefined) => (value ?? '').replace(/\s+/g, ' ').trim()
/** A name without stray punctuation around it (imports bring "Berger," or "- "). */
const cleanName = (value: null | string | undefined) =>
  clean(value)
    .replace(/\s+(?=[,;:.!?])/g, '')
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '')
const join = (...parts: string[]) => parts.filter(Boolean).join(' ')

/** The parts of a name as the Anrede uses them, cleaned. */
function nameParts(input: SalutationInput) {
  return {
    english: (input.locale ?? 'de').startsWith('en'),
    first: cleanName(input.firstName),
    informal: input.addressForm === 'informal',
    last: cleanName(input.lastName),
    // Titles keep their trailing dot ("Dr."), but lose stray punctuation around them.
    title: clean(input.academicTitle)
      .replace(/\s+(?=[,;:.!?])/g, '')
      .replace(/^[\s\p{P}\p{S}]+/u, '')
      .replace(/[\s,;:!?\p{S}-]+$/u, ''),
  }
}

/**
 * The reader's name as the form of address wants it, or '' when the data does not allow one:
 * formally "Frau Dr. Berger" / "Herr Keller" / "Alex Weber" (gender unknown: the full name), never
 * the first name alone; informally the first name ("Anna"). The Anrede is built from it, so a subject
 * with `subscriber.address_name` and the salutation below it always agree.
 */
function nameForAddress(input: SalutationInput): string {
  const { english, first, informal, last, title } = nameParts(input)
  if (informal) return first || (input.gender === 'female' || input.gender === 'male' ? '' : last)
  if (last && input.gender === 'female') return english ? `${title || 'Ms'} ${last}` : `Frau ${join(title, last)}`
  if (last && input.gender === 'male') return english ? `${title || 'Mr'} ${last}` : `Herr ${join(title, last)}`
  if (last) return join(title, first, last)
  return ''
}

/**
 * The token `subscriber.address_name`: the name for the reader's form of address, or — when it cannot
 * be written (no last name for a formal reader, no name at all) — the pronoun of that form ("Sie",
 * "du", "you"), so "{{ subscriber.address_name }}, Ihr Update ist da" always reads as a sentence.
 * After "für" German wants the accusative: `address_name_accusative` (below).
 */
export function addressName(input: SalutationInput): string {
  const name = nameForAddress(input)
  if (name) return name
  if ((input.locale ?? 'de').startsWith('en')) return 'you'
  return input.addressForm === 'informal' ? 'du' : 'Sie'
}

/**
 * The Anrede (docs/plugins/personalization.md#anrede), without trailing punctuation: it always reads as a sentence,
 * whatever is missing — never "Hallo ," or an empty name.
 */
export function salutation(input: SalutationInput): string {
  const { english, informal } = nameParts(input)
  const name = nameForAddress(input)
  if (informal) return english ? (name ? `Hi ${name}` : 'Hi there') : name ? `Hallo ${name}` : 'Hallo'
  if (!name) return english ? 'Dear Sir or Madam' : 'Sehr geehrte Damen und Herren'
  if (english) return `Dear ${name}`
  if (input.gender === 'female') return `Sehr geehrte ${name}`
  if (input.gender === 'male') return `Sehr geehrter ${name}`
  return `Guten Tag ${name}`
}

/**
 * The token `subscriber.address_name_accusative`, for "Ein Angebot für …": "Herrn Keller", "Frau
 * Berger", "Anna", and the pronouns "Sie" / "dich" (English: the same as address_name).
 */
export function addressNameAccusative(input: SalutationInput): string {
  const name = addressName(input)
  if ((input.locale ?? 'de').startsWith('en')) return name
  if (name === 'du') return 'dich'
  return name.startsWith('Herr ') ? `Herrn ${name.slice(5)}` : name
}
