'use client'

import { Button, useDocumentInfo, useFormFields, useTranslation } from '@payloadcms/ui'
import React, { useId, useState } from 'react'

import type { SegmentsTranslationKey, SegmentsTranslations } from '../translations'

type RowError = { message: string; row?: number }
type Outcome = { errors: RowError[]; kind: 'errors' } | { imported: number; kind: 'imported'; memberCount: number }

/** The CSV upload for a static segment: sends the file to the import endpoint and shows the outcome. */
export function MemberImport() {
  const { id } = useDocumentInfo()
  const { t } = useTranslation<SegmentsTranslations, SegmentsTranslationKey>()
  const inputId = useId()
  const dispatchFields = useFormFields(([, dispatch]) => dispatch)
  const [file, setFile] = useState<File | null>(null)
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<null | Outcome>(null)

  if (!id) return <p className="field-type segment-member-import">{t('kontorwerk-segments:importNotSaved')}</p>

  async function upload() {
    if (!file) return setOutcome({ errors: [{ message: t('kontorwerk-segments:importChoose') }], kind: 'errors' })
    setBusy(true)
    setOutcome(null)
    try {
      const response = await fetch(`/api/segments/${id}/import`, {
        body: await file.text(),
        credentials: 'include',
        headers: { 'content-type': 'text/csv' },
        method: 'POST',
      })
      const result = (await response.json().catch(() => ({}))) as {
        errors?: RowError[]
        imported?: number
        memberCount?: number
      }
      if (response.ok && typeof result.imported === 'number' && typeof result.memberCount === 'number') {
        setOutcome({ imported: result.imported, kind: 'imported', memberCount: result.memberCount })
        // The sidebar's read-only member count shows the new total without reloading (and without marking the form as edited).
        dispatchFields({
          initialValue: result.memberCount,
          path: 'memberCount',
          type: 'UPDATE',
          value: result.memberCount,
        })
      } else {
        setOutcome({
          errors: result.errors?.length ? result.errors : [{ message: `HTTP ${response.status}` }],
          kind: 'errors',
        })
      }
    } catch (error) {
      setOutcome({ errors: [{ message: (error as Error).message }], kind: 'errors' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-label={t('kontorwerk-segments:importHeading')} className="field-type segment-member-import">
      <h3>{t('kontorwerk-segments:importHeading')}</h3>
      <div style={{ alignItems: 'center', display: 'flex', flexWrap: 'wrap', gap: 12 }}>
        <label htmlFor={inputId}>{t('kontorwerk-segments:importFile')}</label>
        <input
          accept=".csv,text/csv"
          id={inputId}
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          type="file"
        />
        <Button buttonStyle="secondary" disabled={busy} margin={false} onClick={() => void upload()}>
          {busy ? t('kontorwerk-segments:importBusy') : t('kontorwerk-segments:importSubmit')}
        </Button>
      </div>
      {outcome?.kind === 'imported' && (
        <p aria-live="polite" className="segment-member-import__result">
          {t('kontorwerk-segments:importImported', { imported: outcome.imported, total: outcome.memberCount })}
        </p>
      )}
      {outcome?.kind === 'errors' && (
        <div className="segment-member-import__errors" role="alert">
          {outcome.errors.some((error) => error.row != null) && <p>{t('kontorwerk-segments:importNothingSaved')}</p>}
          <ul>
            {outcome.errors.map((error, index) => (
              <li key={index}>
                {error.row != null
                  ? `${t('kontorwerk-segments:importRow')} ${error.row}: ${error.message}`
                  : error.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}
