'use client'

import { Button, Pill, useDocumentInfo, useFormFields, useTranslation } from '@payloadcms/ui'
import React, { useCallback, useEffect, useState } from 'react'

import type { ImportSummary, RowResult } from '../import/scanRows'
import type { ConsentTranslationKey, ConsentTranslations } from '../translations'

type ImportDoc = {
  detected?: { format?: string } | null
  dryRun?: ImportSummary | null
  result?: ImportSummary | null
  rowsDone?: null | number
  sourceSystem?: null | string
  status: 'checked' | 'done' | 'failed' | 'queued' | 'running'
}

const COUNTS = ['total', 'new', 'updated', 'unchanged', 'rejected', 'withProof', 'withoutProof'] as const
const POLL_MS = 2000

/** The dry run (or the run's result) of an import as a table, and the button that runs it. */
export function ImportReport() {
  const { id } = useDocumentInfo()
  const { t } = useTranslation<ConsentTranslations, ConsentTranslationKey>()
  const [doc, setDoc] = useState<ImportDoc | null>(null)
  const [starting, setStarting] = useState(false)

  const load = useCallback(async () => {
    if (!id) return
    const response = await fetch(`/api/subscriber-imports/${id}?depth=0`, { credentials: 'include' })
    if (response.ok) setDoc((await response.json()) as ImportDoc)
  }, [id])

  useEffect(() => {
    void load()
  }, [load])
  const active = doc?.status === 'queued' || doc?.status === 'running'
  useEffect(() => {
    if (!active) return
    const timer = setInterval(() => void load(), POLL_MS)
    return () => clearInterval(timer)
  }, [active, load])
  // The sidebar's status and row count are the form's, loaded with the page: reload it once the run
  // has ended, also when it ended before this view first asked (a small file runs in a moment).
  const formStatus = useFormFields(([fields]) => fields.status?.value as ImportDoc['status'] | undefined)
  const formActive = formStatus === 'queued' || formStatus === 'running'
  useEffect(() => {
    if (doc && formActive && !active) window.location.reload()
  }, [active, doc, formActive])

  if (!id) return <p>{t('kontorwerk-consent:importReportSaveFirst')}</p>
  if (!doc) return null
  const run = async () => {
    setStarting(true)
    await fetch(`/api/subscriber-imports/${id}/run`, { credentials: 'include', method: 'POST' })
    // The form (sidebar status) shows the queued run only after a reload.
    window.location.reload()
  }
  const summary = doc.status === 'checked' ? doc.dryRun : doc.result
  const reason = (row: RowResult) => {
    const code = row.code ?? row.noProof
    return code ? t(`kontorwerk-consent:importReason_${code}` as ConsentTranslationKey) : ''
  }

  return (
    <section className="import-report" style={{ marginBottom: 'var(--base)' }}>
      <h3>
        {t(
          doc.status === 'checked' ? 'kontorwerk-consent:importReportDryRun' : 'kontorwerk-consent:importReportResult',
        )}
      </h3>
      {doc.sourceSystem && (
        <p>
          {t('kontorwerk-consent:importReportDetected', {
            format: (doc.detected?.format ?? '').toUpperCase(),
            source: t(`kontorwerk-consent:importSource_${doc.sourceSystem}` as ConsentTranslationKey),
          })}
        </p>
      )}
      {active && <p role="status">{t('kontorwerk-consent:importReportRunning', { rows: doc.rowsDone ?? 0 })}</p>}
      {summary && (
        <p style={{ display: 'flex', flexWrap: 'wrap', gap: 'calc(var(--base) / 2)' }}>
          {COUNTS.map((count) => (
            <Pill key={count} pillStyle={count === 'rejected' || count === 'withoutProof' ? 'warning' : 'light'}>
              {t(`kontorwerk-consent:importOutcome_${count}` as ConsentTranslationKey)}: {summary.counts[count]}
            </Pill>
          ))}
        </p>
      )}
      {(doc.status === 'checked' || doc.status === 'failed') && (
        <Button buttonStyle="primary" disabled={starting} onClick={() => void run()}>
          {t(doc.status === 'failed' ? 'kontorwerk-consent:importReportResume' : 'kontorwerk-consent:importReportRun')}
        </Button>
      )}
      {summary && summary.rows.length > 0 && (
        <div className="table">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('kontorwerk-consent:importReportLine')}</th>
                <th scope="col">{t('kontorwerk-consent:importReportEmail')}</th>
                <th scope="col">{t('kontorwerk-consent:importReportOutcome')}</th>
                <th scope="col">{t('kontorwerk-consent:importReportReason')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.rows.map((row) => (
                <tr key={row.line}>
                  <td>{row.line}</td>
                  <td>{row.email ?? ''}</td>
                  <td>{t(`kontorwerk-consent:importOutcome_${row.outcome}` as ConsentTranslationKey)}</td>
                  <td>{reason(row)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {summary?.truncated && <p>{t('kontorwerk-consent:importReportTruncated')}</p>}
    </section>
  )
}
