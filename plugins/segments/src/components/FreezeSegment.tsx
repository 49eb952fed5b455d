'use client'

import { Button, useDocumentInfo, useTranslation } from '@payloadcms/ui'
import React, { useState } from 'react'

import type { SegmentsTranslationKey, SegmentsTranslations } from '../translations'

type Frozen = { id: number | string; memberCount: number; name: string }

/** For a saved dynamic segment: copy its current members into a new static segment. */
export function FreezeSegment() {
  const { id } = useDocumentInfo()
  const { t } = useTranslation<SegmentsTranslations, SegmentsTranslationKey>()
  const [busy, setBusy] = useState(false)
  const [frozen, setFrozen] = useState<Frozen | null>(null)
  const [failed, setFailed] = useState<null | string>(null)
  if (!id) return null

  async function freeze() {
    setBusy(true)
    setFailed(null)
    try {
      const response = await fetch(`/api/segments/${id}/freeze`, {
        body: '{}',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        method: 'POST',
      })
      const result = (await response.json().catch(() => ({}))) as Partial<Frozen> & { errors?: { message: string }[] }
      if (response.ok && result.id != null) setFrozen(result as Frozen)
      else setFailed(result.errors?.[0]?.message ?? `HTTP ${response.status}`)
    } catch (error) {
      setFailed((error as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-label={t('kontorwerk-segments:freezeHeading')} className="field-type segment-freeze">
      <h3>{t('kontorwerk-segments:freezeHeading')}</h3>
      <p>{t('kontorwerk-segments:freezeHint')}</p>
      <Button buttonStyle="secondary" disabled={busy} margin={false} onClick={() => void freeze()}>
        {busy ? t('kontorwerk-segments:freezeBusy') : t('kontorwerk-segments:freezeSubmit')}
      </Button>
      {frozen && (
        <p aria-live="polite" className="segment-freeze__result">
          {t('kontorwerk-segments:freezeFrozen', { count: frozen.memberCount })}{' '}
          <a href={`/admin/collections/segments/${frozen.id}`}>{frozen.name}</a>
        </p>
      )}
      {failed && <p role="alert">{failed}</p>}
    </section>
  )
}
