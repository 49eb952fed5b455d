import type { CollectionBeforeChangeHook, CollectionConfig, PayloadRequest } from 'payload'

import fs from 'node:fs/promises'
import path from 'node:path'
import { ValidationError } from 'payload'

import { isAdmin, relationKeys } from '@kontorwerk/personalization'

import type { ResolvedConsentOptions } from '../types'
import type { ImportSettings, ImportSummary } from './scanRows'

import { message, option, texts, translated } from '../translations'
import { SOURCE_SYSTEMS } from './columns'
import { ImportFileError } from './fileTable'
import { SUBSCRIBER_IMPORTS } from './importRecords'
import { dryRun } from './runImport'
import { runImportEndpoint } from './runImportEndpoint'
import { openImport } from './scanRows'

export const IMPORT_STATUSES = ['checked', 'queued', 'running', 'done', 'failed'] as const
export type ImportStatus = (typeof IMPORT_STATUSES)[number]

/** The stored import, as this package reads it. */
export type SubscriberImport = {
  createdAt: string
  error?: null | string
  filename?: null | string
  id: number | string
  mapping?: ImportSettings['mapping']
  result?: ImportSummary | null
  requireDoubleOptIn?: boolean | null
  rowsDone?: null | number
  sourceSystem?: null | string
  status: ImportStatus
  topics?: unknown[] | null
  updatedAt: string
}

export const importSettings = (doc: Partial<SubscriberImport>): ImportSettings => ({
  mapping: doc.mapping && typeof doc.mapping === 'object' && !Array.isArray(doc.mapping) ? doc.mapping : null,
  requireDoubleOptIn: doc.requireDoubleOptIn !== false,
  topics: relationKeys((doc.topics ?? []) as Parameters<typeof relationKeys>[0]),
})

/** Where the uploaded file of an import lies (Payload's local storage). */
export const importFilePath = (options: ResolvedConsentOptions, filename: string) =>
  path.join(options.importDir, path.basename(filename))

type UploadedFile = { data?: Buffer; tempFilePath?: string }

async function fileBytes(req: PayloadRequest, options: ResolvedConsentOptions, filename?: null | string) {
  const file = req.file as undefined | UploadedFile
  if (file?.data?.length) return file.data
  if (file?.tempFilePath) return fs.readFile(file.tempFilePath)
  if (filename) return fs.readFile(importFilePath(options, filename))
  throw new ImportFileError('file_empty')
}

/**
 * Every save before the run is a dry run: the file is opened (structural errors refuse the save,
 * so nothing of a broken file is stored), every row planned, and the plan stored for the admin to
 * read. Once the run started, only the run itself writes the record.
 */
const dryRunOnSave =
  (options: ResolvedConsentOptions, usersSlug: string): CollectionBeforeChangeHook =>
  async ({ context, data, operation, originalDoc, req }) => {
    if (context.importProgress) return data
    const previous = originalDoc as SubscriberImport | undefined
    if (operation === 'update' && previous && previous.status !== 'checked')
      throw new ValidationError({
        collection: SUBSCRIBER_IMPORTS,
        errors: [{ message: message(req, 'kontorwerk-consent:importAlreadyStarted'), path: 'status' }],
      })
    const settings = importSettings({ ...previous, ...data })
    try {
      const opened = await openImport(await fileBytes(req, options, data.filename ?? previous?.filename), settings)
      const summary = await dryRun(req.payload, opened, settings)
      // Who uploaded (the audit log names the saver; this stays with the record): set here only, read-only for everyone.
      const uploader = operation === 'create' && req.user?.collection === usersSlug ? { createdBy: req.user.id } : {}
      return {
        ...data,
        ...uploader,
        detected: {
          columns: Object.fromEntries(
            Object.entries(opened.columns).map(([field, at]) => [field, opened.table.header[at]]),
          ),
          delimiter: opened.table.delimiter,
          encoding: opened.table.encoding,
          format: opened.table.kind,
        },
        dryRun: summary,
        result: null,
        rowsDone: 0,
        sourceSystem: opened.sourceSystem,
        status: 'checked',
      }
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error
      throw new ValidationError({
        collection: SUBSCRIBER_IMPORTS,
        errors: [
          {
            message: `${message(req, `kontorwerk-consent:importError_${error.code}`, error.details)} (${error.code})`,
            path: 'file',
          },
        ],
      })
    }
  }

const readOnly = { readOnly: true }

/**
 * Subscriber imports (admins only): the uploaded export, the admin's choices (topics the proof is
 * for, strictness, column mapping), the dry run, and the run's progress and result. The run is a
 * Payload job in chunks (subscriberImportTask), resumable from the last committed chunk.
 */
export function subscriberImports(options: ResolvedConsentOptions, usersSlug = 'users'): CollectionConfig {
  return {
    slug: SUBSCRIBER_IMPORTS,
    access: { create: isAdmin, delete: isAdmin, read: isAdmin, update: isAdmin },
    admin: {
      defaultColumns: ['filename', 'status', 'sourceSystem', 'createdAt'],
      description: translated('kontorwerk-consent:importDescription'),
      group: texts('kontorwerk-consent:groupConsent'),
      useAsTitle: 'filename',
    },
    endpoints: [runImportEndpoint],
    fields: [
      {
        name: 'topics',
        type: 'relationship',
        admin: { description: translated('kontorwerk-consent:importTopicsDescription') },
        hasMany: true,
        label: translated('kontorwerk-consent:importTopics'),
        relationTo: 'topics',
        required: true,
      },
      {
        name: 'requireDoubleOptIn',
        type: 'checkbox',
        admin: { description: translated('kontorwerk-consent:requireDoubleOptInDescription') },
        defaultValue: true,
        label: translated('kontorwerk-consent:requireDoubleOptIn'),
      },
      {
        name: 'mapping',
        type: 'json',
        admin: { description: translated('kontorwerk-consent:importMappingDescription') },
        label: translated('kontorwerk-consent:importMapping'),
      },
      { name: 'importReport', type: 'ui', admin: { components: { Field: '@kontorwerk/consent/client#ImportReport' } } },
      {
        name: 'status',
        type: 'select',
        admin: { ...readOnly, position: 'sidebar' },
        defaultValue: 'checked',
        index: true,
        label: translated('kontorwerk-consent:importStatus'),
        options: IMPORT_STATUSES.map((status) => option(status, `kontorwerk-consent:importStatus_${status}`)),
        required: true,
      },
      {
        name: 'sourceSystem',
        type: 'select',
        admin: { ...readOnly, position: 'sidebar' },
        label: translated('kontorwerk-consent:importSourceSystem'),
        options: SOURCE_SYSTEMS.map((system) => option(system, `kontorwerk-consent:importSource_${system}`)),
      },
      {
        name: 'rowsDone',
        type: 'number',
        admin: { ...readOnly, position: 'sidebar' },
        defaultValue: 0,
        label: translated('kontorwerk-consent:importRowsDone'),
      },
      {
        name: 'createdBy',
        type: 'relationship',
        access: { create: () => false, update: () => false },
        admin: { ...readOnly, position: 'sidebar' },
        label: translated('kontorwerk-consent:importCreatedBy'),
        relationTo: usersSlug as 'users',
      },
      { name: 'detected', type: 'json', admin: { hidden: true } },
      { name: 'dryRun', type: 'json', admin: { hidden: true } },
      { name: 'result', type: 'json', admin: { hidden: true } },
      {
        name: 'error',
        type: 'text',
        admin: { ...readOnly, position: 'sidebar' },
        label: translated('kontorwerk-consent:importErrorField'),
      },
    ],
    hooks: { beforeChange: [dryRunOnSave(options, usersSlug)] },
    labels: {
      plural: translated('kontorwerk-consent:subscriberImportsPlural'),
      singular: translated('kontorwerk-consent:subscriberImportsSingular'),
    },
    upload: { staticDir: options.importDir },
  }
}
