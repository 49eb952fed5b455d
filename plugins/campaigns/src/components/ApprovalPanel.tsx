'use client'

import { Button, Pill, useTranslation } from '@payloadcms/ui'
import React, { useState } from 'react'

import type { CampaignsTranslationKey, CampaignsTranslations } from '../translations'
import type { SendPlan } from '../utilities/sendPlan'

import { errorText, formatCount, formatDateTime, intlLocale, postJson } from './sendWords'

type Props = {
  approval: SendPlan['approval']
  campaignId: number | string
  onDone: () => void
  /** The live count the approver sees and confirms, as the send dialog does. */
  recipients: number
}

/**
 * The four-eyes approval in the campaign's sidebar (docs/governance.md): whether a second person
 * must approve, who did and when, and for an approver who did not make the last edit the button
 * that approves the count shown. The server checks all of it again.
 */
export function ApprovalPanel({ approval, campaignId, onDone, recipients }: Props) {
  const { i18n, t } = useTranslation<CampaignsTranslations, CampaignsTranslationKey>()
  const locale = intlLocale(i18n.language)
  const [failed, setFailed] = useState<null | string>(null)
  const [busy, setBusy] = useState(false)
  const holds = approval.approvedAt && !approval.problem

  async function approve() {
    setBusy(true)
    setFailed(null)
    try {
      const answer = await postJson(`/api/campaigns/${campaignId}/approve`, { confirmation: { recipients } })
      if (!answer.ok) setFailed(errorText(t, answer.error, answer.status))
      onDone()
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="campaign-controls__approval" data-approval={holds ? 'given' : 'needed'}>
      <h4>
        {t('kontorwerk-campaigns:approval')}{' '}
        <Pill pillStyle={holds ? 'success' : 'warning'} size="small">
          {holds ? '✓' : '!'}
        </Pill>
      </h4>
      {holds ? (
        <p role="status">
          {t('kontorwerk-campaigns:approvalGiven', {
            count: formatCount(approval.recipients ?? 0, locale),
            time: formatDateTime(approval.approvedAt!, locale),
            user: approval.approvedBy ?? '?',
          })}
        </p>
      ) : (
        <p role="status">
          {approval.approvedAt && approval.problem
            ? t('kontorwerk-campaigns:approvalOutdated', { reason: approval.problem.message })
            : t('kontorwerk-campaigns:approvalNeeded', { threshold: formatCount(Number(approval.threshold), locale) })}
        </p>
      )}
      {!holds && approval.lastEditedByCaller && <p>{t('kontorwerk-campaigns:approvalOwnEdit')}</p>}
      {!holds && approval.canApprove && (
        <Button buttonStyle="primary" disabled={busy} margin={false} onClick={() => void approve()}>
          {t('kontorwerk-campaigns:approvalApprove', { count: formatCount(recipients, locale) })}
        </Button>
      )}
      {failed && <p role="alert">{failed}</p>}
    </div>
  )
}
