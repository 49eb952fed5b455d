import type { ArrayField } from 'payload'

import type { ArrayRowLabelProps } from '../components/ArrayRowLabel'
import type { TranslatedTexts } from '../i18n/translations'

type RowLabelComponent = NonNullable<NonNullable<ArrayField['admin']>['components']>['RowLabel']

/**
 * `admin.components.RowLabel` of an array field: its rows titled in the admin's language, by the
 * row's `nameField` where it has one ("Aufmacher"), else by noun and number ("Interesse 1"). Goes with
 * the field's `labels` (the "add" button: "Interesse hinzufügen"); without both Payload derives
 * English words from the field name ("Interest 01").
 */
export function rowLabel(singular: TranslatedTexts, nameField?: string): RowLabelComponent {
  const clientProps: ArrayRowLabelProps = { singular, ...(nameField ? { nameField } : {}) }
  return { clientProps, path: '@kontorwerk/personalization/client#ArrayRowLabel' }
}
