'use client'

import { Button, useAuth, useDocumentInfo, useTranslation } from '@payloadcms/ui'
import React, { useState } from 'react'

import type { PersonalizationTranslationKey, PersonalizationTranslations } from '../translations'

/**
 * "Erneut senden" on a webhook delivery (admins): queues the delivery again through
 * POST /api/webhook-deliveries/:id/replay and reloads the document, whose status turns to queued.
 */
export function ReplayDeliveryButton() {
  const { id } = useDocumentInfo()
  const { user } = useAuth<{ role?: string }>()
  const { t } = useTranslation<PersonalizationTranslations, PersonalizationTranslationKey>()
  const [state, setState] = useState<'done' | 'failed' | 'idle' | 'pending' | 'sending'>('idle')
  if (!id || user?.role !== 'admin') return null

  async function replay() {
    setState('sending')
    const response = await fetch(`/api/webhook-deliveries/${id}/replay`, { credentials: 'include', method: 'POST' })
    // 409: the delivery is still queued or retrying (a replay now would send it twice).
    setState(response.ok ? 'done' : response.status === 409 ? 'pending' : 'failed')
    // The fields shown (status, attempts) are the server's: reload to show the queued state.
    if (response.ok) window.setTimeout(() => window.location.reload(), 800)
  }

  return (
    <div className="webhook-replay" style={{ marginBottom: 'var(--base)' }}>
      <Button buttonStyle="secondary" disabled={state === 'sending'} margin={false} onClick={() => void replay()}>
        {t('kontorwerk-personalization:webhookReplay')}
      </Button>
      {state === 'done' && <p role="status">{t('kontorwerk-personalization:webhookReplayQueued')}</p>}
      {state === 'failed' && <p role="alert">{t('kontorwerk-personalization:webhookReplayFailed')}</p>}
      {state === 'pending' && <p role="alert">{t('kontorwerk-personalization:webhookReplayPending')}</p>}
    </div>
  )
}
