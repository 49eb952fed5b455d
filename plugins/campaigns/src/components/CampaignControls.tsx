'use client'

import { Button, useDocumentInfo, useTranslation } from '@payloadcms/ui'
import React, { useCallback, useEffect, useState } from 'react'

import type { CampaignsTranslationKey, CampaignsTranslations } from '../translations'

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

const ACTION_LABELS = {
  cancel: 'kontorwerk-campaigns:controlsCancel',
  pause: 'kontorwerk-campaigns:controlsPause',
  resume: 'kontorwerk-campaigns:controlsResume',
  schedule: 'kontorwerk-campaigns:controlsSchedule',
} satisfies Record<string, CampaignsTranslationKey>

const COUNT_LABELS = {
  clicks: 'kontorwerk-campaigns:controlsClicks',
  delivered: 'kontorwerk-campaigns:controlsDelivered',
  failed: 'kontorwerk-campaigns:controlsFailed',
  opens: 'kontorwerk-campaigns:controlsOpens',
  pending: 'kontorwerk-campaigns:controlsPending',
  recipients: 'kontorwerk-campaigns:controlsRecipients',
  sent: 'kontorwerk-campaigns:controlsSent',
  skipped: 'kontorwerk-campaigns:controlsSkipped',
} satisfies Record<string, CampaignsTranslationKey>

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
  const { t } = useTranslation<CampaignsTranslations, CampaignsTranslationKey>()
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

  if (!id) return <p>{t('kontorwerk-campaigns:controlsSaveFirst')}</p>

  async function run(action: string) {
    setBusy(true)
    setFailed(null)
    try {
      const response = await fetch(`/api/campaigns/${id}/${action}`, {
        body: '{}',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        method: 'POST',
      })
      const result = (await response.json().catch(() => ({}))) as { errors?: { message: string }[] }
      if (!response.ok) setFailed(result.errors?.[0]?.message ?? `HTTP ${response.status}`)
      await load()
    } finally {
      setBusy(false)
    }
  }

  const rows: [keyof typeof COUNT_LABELS, number][] = report
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
    <section aria-label={t('kontorwerk-campaigns:controlsHeading')} className="campaign-controls">
      <h3>{t('kontorwerk-campaigns:controlsHeading')}</h3>
      {report?.statusReason && <p role="status">{report.statusReason}</p>}
      {report && report.recipients > 0 && (
        <progress
          aria-label={t(COUNT_LABELS.sent)}
          max={report.recipients}
          value={report.recipients - report.pending}
          style={{ width: '100%' }}
        />
      )}
      <dl className="campaign-controls__counts">
        {rows.map(([key, value]) => (
          <div key={key} style={{ display: 'flex', justifyContent: 'space-between' }}>
            <dt>{t(COUNT_LABELS[key])}</dt>
            <dd data-count={key}>{value}</dd>
          </div>
        ))}
      </dl>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {(ACTIONS_BY_STATUS[report?.status ?? 'draft'] ?? []).map((action) => (
          <Button
            buttonStyle={action === 'cancel' ? 'secondary' : 'primary'}
            disabled={busy}
            key={action}
            margin={false}
            onClick={() => void run(action)}
          >
            {t(ACTION_LABELS[action])}
          </Button>
        ))}
      </div>
      {failed && <p role="alert">{failed}</p>}
      <p>
        <a href={`/admin/campaign-report?campaign=${id}`}>{t('kontorwerk-campaigns:controlsReport')}</a>
      </p>
    </section>
  )
}
