'use client'

import { Button, useDocumentInfo, useTranslation } from '@payloadcms/ui'
import React, { useState } from 'react'

type Frozen = { id: number | string; memberCount: number; name: string }

const TEXT = {
  de: { busy: 'Wird eingefroren …', frozen: (count: number) => `Eingefroren: ${count} Mitglieder in`, heading: 'Als feste Liste einfrieren', hint: 'Kopiert die heutigen Mitglieder in ein neues statisches Segment, z. B. als Zielgruppe einer Kampagne.', submit: 'Jetzt einfrieren' },
  en: { busy: 'Freezing …', frozen: (count: number) => `Frozen: ${count} members in`, heading: 'Freeze as a fixed list', hint: "Copies today's members into a new static segment, e.g. as a campaign's audience.", submit: 'Freeze now' },
}

/** For a saved dynamic segment: copy its current members into a new static segment. */
export function FreezeSegment() {
  const { id } = useDocumentInfo()
  const { i18n } = useTranslation()
  const t = TEXT[i18n.language === 'en' ? 'en' : 'de']
  const [busy, setBusy] = useState(false)
  const [frozen, setFrozen] = useState<Frozen | null>(null)
  const [failed, setFailed] = useState<null | string>(null)
  if (!id) return null

  async function freeze() {
    setBusy(true)
    setFailed(null)
    try {
      const response = await fetch(`/api/segments/${id}/freeze`, { body: '{}', credentials: 'include', headers: { 'content-type': 'application/json' }, method: 'POST' })
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
    <section aria-label={t.heading} className="field-type segment-freeze">
      <h3>{t.heading}</h3>
      <p>{t.hint}</p>
      <Button buttonStyle="secondary" disabled={busy} margin={false} onClick={() => void freeze()}>
        {busy ? t.busy : t.submit}
      </Button>
      {frozen && (
        <p aria-live="polite" className="segment-freeze__result">
          {t.frozen(frozen.memberCount)} <a href={`/admin/collections/segments/${frozen.id}`}>{frozen.name}</a>
        </p>
      )}
      {failed && <p role="alert">{failed}</p>}
    </section>
  )
}
