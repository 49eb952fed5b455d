'use client'

import { Button, useTranslation } from '@payloadcms/ui'
import React, { useEffect, useId, useState } from 'react'

import type { CampaignsTranslationKey, CampaignsTranslations } from '../translations'

import { errorText, postJson } from './sendWords'

type Persona = { name: string; slug: string }

const FIELD_STYLE: React.CSSProperties = { display: 'block', margin: '4px 0 12px', padding: '6px 8px', width: '100%' }

/**
 * "Testversand": the campaign's mail as a persona or a subscriber gets it, sent to the signed-in
 * editor's own address only (the server picks the address; nothing here can name another).
 */
export function TestSendForm({ campaignId }: { campaignId: number | string }) {
  const { t } = useTranslation<CampaignsTranslations, CampaignsTranslationKey>()
  const [personas, setPersonas] = useState<Persona[]>([])
  const [persona, setPersona] = useState('')
  const [subscriber, setSubscriber] = useState('')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<null | { ok: boolean; text: string }>(null)
  const id = useId()

  useEffect(() => {
    void fetch('/api/personas?limit=100&depth=0&sort=name&select[name]=true&select[slug]=true', {
      credentials: 'include',
    })
      .then((response) => (response.ok ? response.json() : { docs: [] }))
      .then((body: { docs: Persona[] }) => setPersonas(body.docs))
  }, [])

  async function send() {
    if (!persona && !subscriber.trim()) {
      setOutcome({ ok: false, text: t('kontorwerk-campaigns:testSendChoose') })
      return
    }
    setBusy(true)
    setOutcome(null)
    try {
      const answer = await postJson<{ sentTo: string; subject: string }>(
        `/api/campaigns/${campaignId}/test-send`,
        persona ? { persona } : { subscriber: subscriber.trim() },
      )
      setOutcome(
        answer.ok
          ? {
              ok: true,
              text: t('kontorwerk-campaigns:testSendDone', {
                email: answer.result.sentTo,
                subject: answer.result.subject,
              }),
            }
          : { ok: false, text: errorText(t, answer.error, answer.status) },
      )
    } finally {
      setBusy(false)
    }
  }

  return (
    <fieldset className="campaign-test-send" style={{ border: 0, margin: '16px 0 0', padding: 0 }}>
      <legend style={{ fontWeight: 600 }}>{t('kontorwerk-campaigns:testSendHeading')}</legend>
      <p style={{ margin: '4px 0 8px' }}>
        <small>{t('kontorwerk-campaigns:testSendHint')}</small>
      </p>
      <label htmlFor={`${id}-persona`}>{t('kontorwerk-campaigns:testSendPersona')}</label>
      <select
        id={`${id}-persona`}
        onChange={(event) => {
          setPersona(event.target.value)
          if (event.target.value) setSubscriber('')
        }}
        style={FIELD_STYLE}
        value={persona}
      >
        <option value="">{t('kontorwerk-campaigns:testSendNone')}</option>
        {personas.map((entry) => (
          <option key={entry.slug} value={entry.slug}>
            {entry.name}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-subscriber`}>{t('kontorwerk-campaigns:testSendSubscriber')}</label>
      <input
        id={`${id}-subscriber`}
        inputMode="numeric"
        onChange={(event) => {
          setSubscriber(event.target.value)
          if (event.target.value) setPersona('')
        }}
        style={FIELD_STYLE}
        type="text"
        value={subscriber}
      />
      <Button buttonStyle="secondary" disabled={busy} margin={false} onClick={() => void send()}>
        {t('kontorwerk-campaigns:testSendSubmit')}
      </Button>
      {outcome && <p role={outcome.ok ? 'status' : 'alert'}>{outcome.text}</p>}
    </fieldset>
  )
}
