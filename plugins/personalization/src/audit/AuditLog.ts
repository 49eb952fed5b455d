import type { CollectionConfig, Option } from 'payload'

import { APIError } from 'payload'

import { isAdmin } from '../access/roles'
import { option, texts, translated } from '../translations'
import { AUDIT_LOG } from './auditEntry'
import { auditCsvEndpoint } from './csvExport'
import { labelChangedFields } from './fieldLabels'

const never = () => false

const ACTION_OPTIONS = [
  option('create', 'kontorwerk-personalization:auditActionCreate'),
  option('update', 'kontorwerk-personalization:auditActionUpdate'),
  option('delete', 'kontorwerk-personalization:auditActionDelete'),
  option('approve', 'kontorwerk-personalization:auditActionApprove'),
  option('approvalRefused', 'kontorwerk-personalization:auditActionApprovalRefused'),
  option('approvalVoided', 'kontorwerk-personalization:auditActionApprovalVoided'),
]

/**
 * The append-only audit log (issue 21), like the consent ledger: entries are written only by the
 * audit hooks and workflows (one insert below Payload's API); no API can change or delete them,
 * not even an admin's. Admins read, filter and export it. `resources`: the audited slugs with
 * their labels, so the list filters by them.
 */
export function auditLogCollection(resources: Option[], usersSlug: string): CollectionConfig {
  return {
    slug: AUDIT_LOG,
    access: { create: never, delete: never, read: isAdmin, update: never },
    admin: {
      defaultColumns: ['at', 'userEmail', 'action', 'resource', 'title', 'fields'],
      description: translated('kontorwerk-personalization:auditLogDescription'),
      group: texts('kontorwerk-personalization:groupSettings'),
      listSearchableFields: ['title', 'userEmail', 'fields', 'documentId'],
      useAsTitle: 'at',
    },
    defaultSort: '-at',
    endpoints: [auditCsvEndpoint],
    fields: [
      {
        name: 'at',
        type: 'date',
        admin: { date: { pickerAppearance: 'dayAndTime' } },
        index: true,
        label: translated('kontorwerk-personalization:auditAt'),
        required: true,
      },
      {
        type: 'row',
        fields: [
          {
            name: 'user',
            type: 'relationship',
            index: true,
            label: translated('kontorwerk-personalization:auditUser'),
            relationTo: usersSlug as 'users',
          },
          // Kept as written: the entry still names who it was after the account is deleted or renamed.
          { name: 'userEmail', type: 'text', label: translated('kontorwerk-personalization:auditUserEmail') },
        ],
      },
      {
        type: 'row',
        fields: [
          {
            name: 'action',
            type: 'select',
            index: true,
            label: translated('kontorwerk-personalization:auditAction'),
            options: ACTION_OPTIONS,
            required: true,
          },
          {
            name: 'resource',
            type: 'select',
            index: true,
            label: translated('kontorwerk-personalization:auditResource'),
            options: resources,
            required: true,
          },
          {
            name: 'documentId',
            type: 'text',
            index: true,
            label: translated('kontorwerk-personalization:auditDocumentId'),
          },
        ],
      },
      { name: 'title', type: 'text', label: translated('kontorwerk-personalization:auditTitle') },
      {
        name: 'fields',
        type: 'text',
        hooks: { afterRead: [labelChangedFields] },
        label: translated('kontorwerk-personalization:auditFields'),
      },
      { name: 'changes', type: 'json', label: translated('kontorwerk-personalization:auditChanges') },
    ],
    hooks: {
      // Access already refuses every API; these also stop server code that overrides access.
      beforeChange: [
        ({ operation }) => {
          if (operation === 'update') throw new APIError('Audit entries cannot be changed', 403, undefined, true)
        },
      ],
      beforeDelete: [
        () => {
          throw new APIError('Audit entries cannot be deleted', 403, undefined, true)
        },
      ],
    },
    labels: {
      plural: translated('kontorwerk-personalization:auditLogPlural'),
      singular: translated('kontorwerk-personalization:auditLogSingular'),
    },
  }
}
