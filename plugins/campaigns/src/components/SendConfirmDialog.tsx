'use client'

import { Button, Drawer, useModal, useTranslation } from '@payloadcms/ui'
import React, { useEffect, useId, useState } from 'react'

import type { CampaignsTranslationKey, CampaignsTranslations } from '../translations'
import type { SendPlan } from '../utilities/sendPlan'

import { typedMatches } from '../utilities/sendConfirmation'
import { abPlanWords } from '../utilities/sendPlanWords'
import {
  adminTimeZone,
  errorText,
  formatCount,
  formatDateTime,
  intlLocale,
  planTranslator,
  postJson,
} from './sendWords'

export const SEND_DIALOG_SLUG = 'kontorwerk-campaign-send'

/** `resume`: a campaign paused before it started (its audience may have changed) is confirmed again. */
type Props = { action?: 'resume' | 'schedule'; campaignId: number | string; onDone: () => void }

/**
 * The confirmation before a campaign goes out: the live recipient count (from the send-plan
 * endpoint, which counts with the sender's own audience and gate code), the send time in the
 * admin's time zone, the A/B plan in words, and from the threshold on a typed confirmation. The
 * count shown goes back with the request; the server refuses if it no longer holds.
 */
export function SendConfirmDialog({ action = 'schedule', campaignId, onDone }: Props) {
  const { closeModal, isModalOpen } = useModal()
  const { i18n, t } = useTranslation<CampaignsTranslations, CampaignsTranslationKey>()
  const locale = intlLocale(i18n.language)
  const open = isModalOpen(SEND_DIALOG_SLUG)
  const [plan, setPlan] = useState<null | SendPlan>(null)
  const [typed, setTyped] = useState('')
  const [failed, setFailed] = useState<null | string>(null)
  const [busy, setBusy] = useState(false)
  const typedId = useId()

  async function count() {
    setPlan(null)
    const response = await fetch(`/api/campaigns/${campaignId}/send-plan`, { credentials: 'include' })
    const body = (await response.json().catch(() => ({}))) as SendPlan & { errors?: { message?: string }[] }
    if (response.ok) setPlan(body)
    else setFailed(errorText(t, body.errors?.[0], response.status))
  }

  useEffect(() => {
    if (!open) return
    setTyped('')
    setFailed(null)
    void count()
    // Counted afresh each time the dialog opens.
  }, [open, campaignId])

  async function confirm() {
    if (!plan) return
    setBusy(true)
    setFailed(null)
    try {
      const answer = await postJson(`/api/campaigns/${campaignId}/${action}`, {
        confirmation: { recipients: plan.recipients, typed: plan.needsTypedConfirmation ? typed : undefined },
      })
      if (answer.ok) {
        closeModal(SEND_DIALOG_SLUG)
        onDone()
        return
      }
      setFailed(errorText(t, answer.error, answer.status))
      // The audience moved: show the new count, so the editor confirms what is true now.
      if (answer.error?.code === 'CONFIRMATION_MISMATCH') await count()
    } finally {
      setBusy(false)
    }
  }

  const now = !plan?.sendAt || new Date(plan.sendAt).getTime() <= Date.now()
  const blocked = plan?.blocked.reduce((sum, entry) => sum + entry.count, 0) ?? 0
  const typedOk = !plan?.needsTypedConfirmation || typedMatches(typed, plan.recipients, plan.name)
  // Large audiences wait for the four-eyes approval (the sidebar shows who may give it).
  const approvalMissing = Boolean(plan?.approval.problem)
  const ready = plan && plan.problems.length === 0 && plan.recipients > 0 && typedOk && !approvalMissing && !busy
  const submitLabel = t(now ? 'kontorwerk-campaigns:confirmSubmitNow' : 'kontorwerk-campaigns:confirmSubmitLater', {
    count: formatCount(plan?.recipients ?? 0, locale),
  })

  return (
    <Drawer className="campaign-send-dialog" slug={SEND_DIALOG_SLUG} title={t('kontorwerk-campaigns:confirmTitle')}>
      <p>{t('kontorwerk-campaigns:confirmIntro')}</p>
      {!plan && !failed && <p role="status">{t('kontorwerk-campaigns:confirmCounting')}</p>}
      {plan && (
        <dl
          className="campaign-send-dialog__facts"
          style={{ display: 'grid', gap: '4px 24px', gridTemplateColumns: 'max-content 1fr' }}
        >
          <dt>{t('kontorwerk-campaigns:confirmRecipients')}</dt>
          <dd data-plan="recipients" style={{ fontWeight: 600, margin: 0 }}>
            {formatCount(plan.recipients, locale)}
          </dd>
          <dt>{t('kontorwerk-campaigns:confirmBlocked')}</dt>
          <dd data-plan="blocked" style={{ margin: 0 }}>
            {formatCount(blocked, locale)}
          </dd>
          {plan.holdout > 0 && (
            <>
              <dt>{t('kontorwerk-campaigns:confirmHoldout')}</dt>
              <dd data-plan="holdout" style={{ margin: 0 }}>
                {formatCount(plan.holdout, locale)}
              </dd>
            </>
          )}
          <dt>{t('kontorwerk-campaigns:confirmSendAt')}</dt>
          <dd data-plan="send-at" style={{ margin: 0 }}>
            {now ? t('kontorwerk-campaigns:confirmNow') : formatDateTime(plan.sendAt!, locale)}
            {plan.bestTime
              ? ` (${t('kontorwerk-campaigns:confirmBestTime')})`
              : plan.localTime && ` (${t('kontorwerk-campaigns:confirmLocalTime')})`}
            <br />
            <small>{t('kontorwerk-campaigns:confirmYourTimeZone', { zone: adminTimeZone() })}</small>
          </dd>
          <dt>{t('kontorwerk-campaigns:confirmAbPlan')}</dt>
          <dd data-plan="ab" style={{ margin: 0 }}>
            {abPlanWords(plan.abTest, planTranslator(t), locale)}
          </dd>
        </dl>
      )}
      {plan && plan.problems.length > 0 && (
        <div role="alert">
          <p>{t('kontorwerk-campaigns:confirmProblems')}</p>
          <ul>
            {plan.problems.map((problem) => (
              <li key={problem.message}>{problem.message}</li>
            ))}
          </ul>
        </div>
      )}
      {plan?.approval.problem && (
        <p data-plan="approval" role="alert">
          {errorText(t, { code: plan.approval.problem.code }, 409)}
        </p>
      )}
      {plan && plan.problems.length === 0 && plan.recipients === 0 && (
        <p role="alert">{t('kontorwerk-campaigns:confirmNobody')}</p>
      )}
      {plan?.needsTypedConfirmation && (
        <div className="field-type text" style={{ marginTop: 16 }}>
          <label className="field-label" htmlFor={typedId}>
            {t('kontorwerk-campaigns:confirmTypeLabel', { count: formatCount(plan.recipients, locale) })}
          </label>
          <input
            aria-describedby={`${typedId}-hint`}
            autoComplete="off"
            id={typedId}
            onChange={(event) => setTyped(event.target.value)}
            type="text"
            value={typed}
          />
          <p id={`${typedId}-hint`}>
            <small>
              {t('kontorwerk-campaigns:confirmTypeHint', {
                threshold: formatCount(plan.typedConfirmationFrom, locale),
              })}
            </small>
          </p>
        </div>
      )}
      {failed && <p role="alert">{failed}</p>}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 16 }}>
        <Button buttonStyle="primary" disabled={!ready} margin={false} onClick={() => void confirm()}>
          {submitLabel}
        </Button>
        <Button buttonStyle="secondary" margin={false} onClick={() => closeModal(SEND_DIALOG_SLUG)}>
          {t('kontorwerk-campaigns:confirmBack')}
        </Button>
      </div>
    </Drawer>
  )
}
