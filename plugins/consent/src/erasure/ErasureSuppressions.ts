import type { CollectionConfig } from 'payload'

import { isAdmin } from '@kontorwerk/personalization'

import { texts, translated } from '../translations'

export const ERASURE_SUPPRESSIONS = 'erasure-suppressions'

const never = () => false

/**
 * The people erased on request (DSGVO Art. 17), as keyed hashes of their normalised email and
 * external id only: an import or an integration cannot bring them back with an old export, and the
 * list names nobody. Append-only: written by the erasure, removed only when the person signs up
 * again through the double opt-in (new consent given by themselves). Admins may read it.
 */
export const erasureSuppressions: CollectionConfig = {
  slug: ERASURE_SUPPRESSIONS,
  access: { create: never, delete: never, read: isAdmin, update: never },
  admin: {
    defaultColumns: ['createdAt', 'emailHash', 'externalIdHash'],
    description: translated('kontorwerk-consent:erasureSuppressionsDescription'),
    group: texts('kontorwerk-consent:groupConsent'),
    useAsTitle: 'createdAt',
  },
  defaultSort: '-createdAt',
  fields: [
    // One entry per erased person: lifting it by the address also frees the CRM id that person had.
    {
      name: 'emailHash',
      type: 'text',
      admin: { readOnly: true },
      label: translated('kontorwerk-consent:erasureSuppressionEmailHash'),
      required: true,
      unique: true,
    },
    {
      name: 'externalIdHash',
      type: 'text',
      admin: { readOnly: true },
      index: true,
      label: translated('kontorwerk-consent:erasureSuppressionExternalIdHash'),
    },
  ],
  labels: {
    plural: translated('kontorwerk-consent:erasureSuppressionsPlural'),
    singular: translated('kontorwerk-consent:erasureSuppressionsSingular'),
  },
}
