import { option } from '../translations'

/** Values that drive the Anrede (docs/plugins/personalization.md#anrede); "unspecified" gives the neutral "Guten Tag Vorname Nachname". */
export const genderOptions = [
  option('female', 'kontorwerk-personalization:genderFemale'),
  option('male', 'kontorwerk-personalization:genderMale'),
  option('diverse', 'kontorwerk-personalization:genderDiverse'),
  option('unspecified', 'kontorwerk-personalization:genderUnspecified'),
]

export const addressFormOptions = [
  option('formal', 'kontorwerk-personalization:addressFormFormal'),
  option('informal', 'kontorwerk-personalization:addressFormInformal'),
]
