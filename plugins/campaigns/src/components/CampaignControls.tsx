'use client'

import { Button, useDocumentInfo, useTranslation } from '@payloadcms/ui'
import React, { useCallback, useEffect, useState } from 'react'

type Report = {
  clickRate: number
  delivered: number
  failed: number
  pending: number
  recipients: number
  sent: number
  skipped: number
  status: string
  statusReason: null | string
  uniqueClicks: number
  uniqueOpens: number
}

const TEXT = {
  de: {
    actions: { cancel: 'Abbrechen', pause: 'Pausieren', resume: 'Fortsetzen', schedule: 'Planen / jetzt senden' },
    heading: 'Versand',
    report: 'Bericht ansehen',
    labels: { clicks: 'Klicks (eindeutig)', delivered: 'Angenommen', failed: 'Fehlgeschlagen', opens: 'Öffnungen (eindeutig)', pending: 'Offen', recipients: 'Empfänger', sent: 'Gesendet', skipped: 'Übersprungen' },
    save: 'Speichern Sie die Kampagne zuerst.',
  },
  en: {
    actions: { cancel: 'Cancel', pause: 'Pause', resume: 'Resume', schedule: 'Schedule / send now' },
    heading: 'Sending',
    report: 'Open the report',
    labels: { clicks: 'Clicks (unique)', delivered: 'Accepted', failed: 'Failed', opens: 'Opens (unique)', pending: 'Pending', recipients: 'Recipients', sent: 'Sent', skipped: 'Skipped' },
    save: 'Save the campaign first.',
  },
}

const ACTIONS_BY_STATUS: Record<string, ('cancel' | 'pause' | 'resume' | 'schedule')[]> = {
  cancelled: [],
  done: [],
  draft: ['schedule'],
  paused: ['resume', 'cancel'],
  scheduled: ['pause', 'cancel'],
  sending: ['pause', 'cancel'],
}

/** The campaign's actions and live progress (polled while it is scheduled or sending). */
export function CampaignControls() {
  const { id } = useDocumentInfo()
  const { i18n } = useTranslation()
  const t = TEXT[i18n.language === 'en' ? 'en' : 'de']
  const [report, setReport] = useState<null | Report>(null)
  const [failed, setFailed] = useState<null | string>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    if (!id) return
    const response = await fetch(`/api/campaigns/${id}/report`, { credentials: 'include' })
    if (response.ok) setReport((await response.json()) as Report)
  }, [id])

  useEffect(() => {
    void load()
    const live = report?.status === 'sending' || report?.status === 'scheduled'
    if (!live) return
    const timer = setInterval(() => void load(), 2000)
    return () => clearInterval(timer)
  }, [load, report?.status])

  if (!id) return <p>{t.save}</p>

  async function run(action: string) {
    setBusy(true)
    setFailed(null)
    try {
      const response = await fetch(`/api/campaigns/${id}/${action}`, { body: '{}', credentials: 'include', headers: { 'content-type': 'application/json' }, method: 'POST' })
      const result = (await response.json().catch(() => ({}))) as { errors?: { message: string }[] }
      if (!response.ok) setFailed(result.errors?.[0]?.message ?? `HTTP ${response.status}`)
      await load()
    } finally {
      setBusy(false)
    }
  }

  const rows: [keyof typeof t.labels, number][] = report
    ? [
        ['recipients', report.recipients],
        ['sent', report.sent],
        ['delivered', report.delivered],
        ['pending', report.pending],
        ['skipped', report.skipped],
        ['failed', report.failed],
        ['opens', report.uniqueOpens],
        ['clicks', report.uniqueClicks],
      ]
    : []
  return (
    <section aria-label={t.heading} className="campaign-controls">
      <h3>{t.heading}</h3>
      {report?.statusReason && <p role="status">{report.statusReason}</p>}
      {report && report.recipients > 0 && (
        <progress aria-label={t.labels.sent} max={report.recipients} value={report.recipients - report.pending} style={{ width: '100%' }} />
      )}
      <dl className="campaign-controls__counts">
        {rows.map(([key, value]) => (
          <div key={key} style={{ display: 'flex', justifyContent: 'space-between' }}>
            <dt>{t.labels[key]}</dt>
            <dd data-count={key}>{value}</dd>
          </div>
        ))}
      </dl>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {(ACTIONS_BY_STATUS[report?.status ?? 'draft'] ?? []).map((action) => (
          <Button buttonStyle={action === 'cancel' ? 'secondary' : 'primary'} disabled={busy} key={action} margin={false} onClick={() => void run(action)}>
            {t.actions[action]}
          </Button>
        ))}
      </div>
      {failed && <p role="alert">{failed}</p>}
      <p>
        <a href={`/admin/campaign-report?campaign=${id}`}>{t.report}</a>
      </p>
    </section>
  )
}
