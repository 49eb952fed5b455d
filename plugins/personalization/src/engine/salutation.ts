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

/**
 * The Anrede (docs/plugins/personalization.md#anrede), without trailing punctuation: it always reads as a sentence,
 * whatever is missing — never "Hallo ," or an empty name.
 */
export function salutation(input: SalutationInput): string {
  const first = cleanName(input.firstName)
  const last = cleanName(input.lastName)
  // Titles keep their trailing dot ("Dr."), but lose stray punctuation around them.
  const title = clean(input.academicTitle)
    .replace(/\s+(?=[,;:.!?])/g, '')
    .replace(/^[\s\p{P}\p{S}]+/u, '')
    .replace(/[\s,;:!?\p{S}-]+$/u, '')
  const english = (input.locale ?? 'de').startsWith('en')
  const informal = input.addressForm === 'informal'

  if (informal) {
    const name = first || (input.gender === 'female' || input.gender === 'male' ? '' : last)
    return english ? (name ? `Hi ${name}` : 'Hi there') : name ? `Hallo ${name}` : 'Hallo'
  }
  if (english) {
    if (last && input.gender === 'female') return `Dear ${title || 'Ms'} ${last}`
    if (last && input.gender === 'male') return `Dear ${title || 'Mr'} ${last}`
    if (last) return `Dear ${join(title, first, last)}`
    return 'Dear Sir or Madam'
  }
  if (last && input.gender === 'female') return `Sehr geehrte Frau ${join(title, last)}`
  if (last && input.gender === 'male') return `Sehr geehrter Herr ${join(title, last)}`
  if (last) return `Guten Tag ${join(title, first, last)}`
  return 'Sehr geehrte Damen und Herren'
}
