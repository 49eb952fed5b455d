import { option } from '../i18n/label'

/** Values that drive the Anrede (docs/plugins/personalization.md#anrede); "unspecified" gives the neutral "Guten Tag Vorname Nachname". */
export const genderOptions = [
  option('female', 'Frau', 'Ms'),
  option('male', 'Herr', 'Mr'),
  option('diverse', 'Divers', 'Diverse'),
  option('unspecified', 'Keine Angabe', 'Not specified'),
]

export const addressFormOptions = [
  option('formal', 'Sie (förmlich)', 'Formal (Sie)'),
  option('informal', 'Du (persönlich)', 'Informal (du)'),
]
