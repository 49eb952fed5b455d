'use client'

import { useRowLabel, useTranslation } from '@payloadcms/ui'
import React from 'react'

import type { TranslatedTexts } from '../i18n/translations'

export type ArrayRowLabelProps = {
  /** A text field of the row that names it (a slot's label); empty rows fall back to the number. */
  nameField?: string
  /** The row's noun in both shipped languages: "Interesse" / "Interest". */
  singular: TranslatedTexts
}

/**
 * An array row's title in the admin language: its own name where it has one, else the noun and its
 * number as an editor counts ("Interesse 1"). Payload's default spells the field name in English and
 * pads the number ("Interest 01") whenever a field has no labels of its own.
 */
export function ArrayRowLabel({ nameField, singular }: ArrayRowLabelProps) {
  const { data, rowNumber } = useRowLabel<Record<string, unknown>>()
  const { i18n } = useTranslation()
  const name = nameField ? data?.[nameField] : undefined
  if (typeof name === 'string' && name.trim()) return <span>{name.trim()}</span>
  // Admin languages the packages do not ship read the English texts, as everywhere else.
  const noun = i18n.language === 'de' ? singular.de : singular.en
  return <span>{`${noun} ${(rowNumber ?? 0) + 1}`}</span>
}
