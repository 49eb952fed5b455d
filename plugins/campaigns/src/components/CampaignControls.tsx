'use client'

import { Button, useDocumentInfo, useModal, useTranslation } from '@payloadcms/ui'
import React, { useCallback, useEffect, useState } from 'react'

import type { CampaignsTranslationKey, CampaignsTranslations } from '../translations'
import type { SendPlan } from '../utilities/sendPlan'

import { abCheckTimes } from '../sending/abSchedule'
import { abPlanOf, winnerWaitWords } from '../utilities/sendPlanWords'
import { ApprovalPanel } from './ApprovalPanel'
import { SEND_DIALOG_SLUG, SendConfirmDialog } from './SendConfirmDialog'
import { errorText, formatCount, formatDateTime, intlLocale, planTranslator, postJson } from './sendWords'
import { TestSendForm } from './TestSendForm'

type Report = {
  delivered: number
  failed: number
  pending: number
  recipients: number
  sent: number
  skipped: number
  uniqueClicks: number
  uniqueOpens: number
}

/** The campaign as stored now (the form's own fields show the state of page load). */
type State = {
  abTest?: Parameters<typeof abPlanOf>[0]
  abDecision?: null | { checks?: null | number }
  abWinner?: null | string
  automation?: unknown
  bestTime?: boolean | null
  localTime?: boolean | null
  sendAt?: null | string
  startedAt?: null | string
  status: string
  statusReason?: null | string
}

type Action = 'cancel' | 'pause' | 'resume' | 'schedule'

const ACTION_LABELS = {
  cancel: 'kontorwerk-campaigns:controlsCancel',
  pause: 'kontorwerk-campaigns:controlsPause',
  resume: 'kontorwerk-campaigns:controlsResume',
  schedule: 'kontorwerk-campaigns:controlsSchedule',
} satisfies Record<Action, CampaignsTranslationKey>

const STATUS_LABELS: Record<string, CampaignsTranslationKey> = {
  cancelled: 'kontorwerk-campaigns:campaignStatusCancelled',
  done: 'kontorwerk-campaigns:campaignStatusDone',
  draft: 'kontorwerk-campaigns:campaignStatusDraft',
  paused: 'kontorwerk-campaigns:campaignStatusPaused',
  scheduled: 'kontorwerk-campaigns:campaignStatusScheduled',
  sending: 'kontorwerk-campaigns:campaignStatusSending',
}

const COUNT_LABELS = {
  clicks: 'kontorwerk-campaigns:controlsClicks',
  delivered: 'kontorwerk-campaigns:controlsDelivered',
  expected: 'kontorwerk-campaigns:controlsExpected',
  failed: 'kontorwerk-campaigns:controlsFailed',
  opens: 'kontorwerk-campaigns:controlsOpens',
  pending: 'kontorwerk-campaigns:controlsPending',
  recipients: 'kontorwerk-campaigns:controlsRecipients',
  sent: 'kontorwerk-campaigns:controlsSent',
  skipped: 'kontorwerk-campaigns:controlsSkipped',
} satisfies Record<string, CampaignsTranslationKey>

const ACTIONS_BY_STATUS: Record<string, Action[]> = {
  cancelled: [],
  done: [],
  draft: ['schedule'],
  paused: ['resume', 'cancel'],
  scheduled: ['pause', 'cancel'],
  sending: ['pause', 'cancel'],
}

/** Statuses that change without the editor: the sidebar asks again every POLL_MS. */
const LIVE = ['scheduled', 'sending']
const POLL_MS = 2000

async function getJson<T>(url: string): Promise<null | T> {
  const response = await fetch(url, { credentials: 'include' })
  return response.ok ? ((await response.json()) as T) : null
}

/**
 * The campaign's actions and live state: its status as stored now, progress with clear labels,
 * what a waiting send waits for, and before sending the expected recipient count. "Planen / jetzt
 * senden" opens the confirmation dialog; "Testversand" mails the editor a test.
 */
export function CampaignControls() {
  const { id, lastUpdateTime } = useDocumentInfo()
  const { openModal } = useModal()
  const { i18n, t } = useTranslation<CampaignsTranslations, CampaignsTranslationKey>()
  const locale = intlLocale(i18n.language)
  const [state, setState] = useState<null | State>(null)
  const [report, setReport] = useState<null | Report>(null)
  const [expected, setExpected] = useState<null | number>(null)
  const [approval, setApproval] = useState<null | SendPlan['approval']>(null)
  const [planVersion, setPlanVersion] = useState(0)
  const [failed, setFailed] = useState<null | string>(null)
  const [dialogAction, setDialogAction] = useState<'resume' | 'schedule'>('schedule')
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    if (!id) return
    const [doc, counts] = await Promise.all([
      getJson<State>(`/api/campaigns/${id}?depth=0`),
      getJson<Report>(`/api/campaigns/${id}/report`),
    ])
    if (doc) setState(doc)
    if (counts) setReport(counts)
  }, [id])

  useEffect(() => {
    void load()
  }, [load, lastUpdateTime])

  const status = state?.status ?? 'draft'
  useEffect(() => {
    if (!LIVE.includes(status)) return
    const timer = setInterval(() => void load(), POLL_MS)
    return () => clearInterval(timer)
  }, [load, status])

  // Before anything is written the report has no recipients: show whom the send would reach now.
  const beforeSending = status === 'draft' || (status === 'scheduled' && !report?.recipients)
  // A paused campaign edited meanwhile needs a new approval before it resumes: show the panel then too.
  const approvable = status === 'draft' || status === 'paused'
  useEffect(() => {
    if (!id || !(beforeSending || approvable) || state?.automation) return
    void getJson<SendPlan>(`/api/campaigns/${id}/send-plan`).then((plan) => {
      if (beforeSending) setExpected(plan?.recipients ?? null)
      setApproval(plan?.approval ?? null)
    })
  }, [id, beforeSending, approvable, state?.automation, lastUpdateTime, planVersion])

  if (!id) return <p>{t('kontorwerk-campaigns:controlsSaveFirst')}</p>

  async function run(action: Action) {
    // A first start, or the resume of a campaign paused before it started: confirmed in the dialog.
    if (action === 'schedule' || (action === 'resume' && !state?.startedAt)) {
      setDialogAction(action)
      openModal(SEND_DIALOG_SLUG)
      return
    }
    setBusy(true)
    setFailed(null)
    try {
      const answer = await postJson(`/api/campaigns/${id}/${action}`, {})
      if (!answer.ok) setFailed(errorText(t, answer.error, answer.status))
      await load()
    } finally {
      setBusy(false)
    }
  }

  const rows: [keyof typeof COUNT_LABELS, number][] = []
  if (beforeSending) {
    if (expected != null) rows.push(['expected', expected])
  } else if (report)
    rows.push(
      ['recipients', report.recipients],
      ['sent', report.sent],
      ['delivered', report.delivered],
      ['pending', report.pending],
      ['skipped', report.skipped],
      ['failed', report.failed],
      ['opens', report.uniqueOpens],
      ['clicks', report.uniqueClicks],
    )
  const waits = waitsFor(state, report, t, locale)
  return (
    <section aria-label={t('kontorwerk-campaigns:controlsHeading')} className="campaign-controls">
      <h3>{t('kontorwerk-campaigns:controlsHeading')}</h3>
      {state && (
        <p data-campaign-status={status}>
          {t('kontorwerk-campaigns:controlsStatus')}: <strong>{t(STATUS_LABELS[status] ?? STATUS_LABELS.draft)}</strong>
        </p>
      )}
      {/* A reason belongs to a stop; once sending again it is history (the report keeps it). */}
      {state?.statusReason && ['cancelled', 'paused'].includes(status) && <p role="status">{state.statusReason}</p>}
      {waits && (
        <p className="campaign-controls__wait" role="status">
          {waits}
        </p>
      )}
      {!beforeSending && report && report.recipients > 0 && (
        <progress
          aria-label={t(COUNT_LABELS.sent)}
          max={report.recipients}
          style={{ width: '100%' }}
          value={report.recipients - report.pending}
        />
      )}
      <dl className="campaign-controls__counts">
        {rows.map(([key, value]) => (
          <div key={key} style={{ display: 'flex', justifyContent: 'space-between' }}>
            <dt>{t(COUNT_LABELS[key])}</dt>
            <dd data-count={key}>{formatCount(value, locale)}</dd>
          </div>
        ))}
      </dl>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {(ACTIONS_BY_STATUS[status] ?? []).map((action) => (
          <Button
            buttonStyle={action === 'cancel' ? 'secondary' : 'primary'}
            disabled={busy || !state}
            key={action}
            margin={false}
            onClick={() => void run(action)}
          >
            {t(ACTION_LABELS[action])}
          </Button>
        ))}
      </div>
      {failed && <p role="alert">{failed}</p>}
      {approvable && approval?.needed && (status === 'paused' || expected != null) && (
        <ApprovalPanel
          approval={approval}
          campaignId={id}
          onDone={() => {
            setPlanVersion((version) => version + 1)
            void load()
          }}
          recipients={approval.count}
        />
      )}
      <SendConfirmDialog action={dialogAction} campaignId={id} onDone={() => void load()} />
      {!state?.automation && <TestSendForm campaignId={id} />}
      <p>
        <a href={`/admin/campaign-report?campaign=${id}`}>{t('kontorwerk-campaigns:controlsReport')}</a>
      </p>
    </section>
  )
}

/** Why part of the send has not gone yet: a planned time, the A/B winner's decision, or the recipients' local time. */
function waitsFor(
  state: null | State,
  report: null | Report,
  t: (key: CampaignsTranslationKey, vars?: Record<string, string>) => string,
  locale: string,
): null | string {
  if (!state) return null
  if (state.status === 'scheduled' && state.sendAt && new Date(state.sendAt).getTime() > Date.now())
    return t('kontorwerk-campaigns:controlsScheduledFor', { time: formatDateTime(state.sendAt, locale) })
  if (state.status !== 'sending' || !report?.pending) return null
  const plan = abPlanOf(state.abTest)
  if (plan && !state.abWinner && state.startedAt) {
    // The worker's own check times: the words stay true while the test runs on without a winner.
    const times = abCheckTimes(plan, new Date(state.startedAt))
    const words = winnerWaitWords(plan, times, state.abDecision?.checks ?? 0, planTranslator(t), locale)
    if (words) return words
  }
  if (state.bestTime) return t('kontorwerk-campaigns:controlsBestTimeWait')
  if (state.localTime && state.sendAt)
    return t('kontorwerk-campaigns:controlsLocalTimeWait', {
      time: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(state.sendAt)),
    })
  return null
}
