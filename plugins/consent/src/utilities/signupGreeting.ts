import { salutation } from '@kontorwerk/personalization'

import type { Subscriber } from '../documents'
import type { BrandAddressForm } from '../globals/Branding'

type Profile = Pick<Subscriber, 'academicTitle' | 'firstName' | 'gender' | 'lastName'>

/**
 * The Anrede of the double-opt-in mail: the brand speaks here, so in the brand's form of address
 * (Branding "Anrede der Marke"), with the name the profile has — for a new sign-up, the one the form
 * took. The standard formal Anrede needs a last name; a formal brand that only knows the first name
 * greets "Guten Tag Anna" rather than "Sehr geehrte Damen und Herren" to someone who just told it.
 */
export function signupGreeting(profile: Profile, addressForm: BrandAddressForm, language: 'de' | 'en'): string {
  const reader = { ...profile, addressForm, locale: language }
  const greeting = salutation(reader)
  const firstName = profile.firstName?.trim()
  const anonymous = greeting === salutation({ addressForm, locale: language })
  if (!anonymous || !firstName) return greeting
  return `${language === 'en' ? 'Hello' : 'Guten Tag'} ${firstName}`
}
