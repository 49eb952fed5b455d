'use client'

import { useDocumentInfo, useTranslation } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

import { type ConsentEvent, consentStatus } from '../utilities/consentState'

type RecordRow = ConsentEvent & { id: string; source: string; textVersion?: null | string; topic: null | string }
type Topic = { id: string; name: string }

const STATUS_LABEL = {
  de: { granted: 'erteilt', none: '—', pending: 'ausstehend', withdrawn: 'widerrufen' },
  en: { granted: 'granted', none: '—', pending: 'pending', withdrawn: 'withdrawn' },
}

/** The subscriber's consent: current state per topic and channel, and the ledger, read-only. */
export function ConsentHistory() {
  const { id } = useDocumentInfo()
  const { i18n } = useTranslation()
  const lang = i18n.language === 'en' ? 'en' : 'de'
  const [records, setRecords] = useState<null | RecordRow[]>(null)
  const [topics, setTopics] = useState<Topic[]>([])

  useEffect(() => {
    if (!id) return
    void Promise.all([
      fetch(`/api/consent-records?where[subscriber][equals]=${id}&sort=occurredAt&limit=500&depth=0`, { credentials: 'include' }).then((r) => r.json()),
      fetch('/api/topics?limit=100&depth=0', { credentials: 'include' }).then((r) => r.json()),
    ]).then(([ledger, topicList]) => {
      setRecords((ledger.docs ?? []).map((doc: RecordRow & { topic: unknown }) => ({ ...doc, topic: doc.topic == null ? null : String(doc.topic) })))
      setTopics((topicList.docs ?? []).map((doc: { id: unknown; name: string }) => ({ id: String(doc.id), name: doc.name })))
    })
  }, [id])

  if (!id) return null
  if (!records) return <p>{lang === 'de' ? 'Einwilligungen werden geladen …' : 'Loading consent …'}</p>
  const topicName = (topic: null | string) => (topic == null ? (lang === 'de' ? 'alle Themen' : 'all topics') : (topics.find((t) => t.id === topic)?.name ?? topic))
  const channels = [...new Set(['email', ...records.map((record) => record.channel)])]

  return (
    <section aria-label={lang === 'de' ? 'Einwilligungen' : 'Consent'} className="consent-history" style={{ marginBottom: 24 }}>
      <h3>{lang === 'de' ? 'Einwilligungen (nur lesbar)' : 'Consent (read-only)'}</h3>
      <table className="consent-state">
        <thead>
          <tr>
            <th scope="col">{lang === 'de' ? 'Thema' : 'Topic'}</th>
            {channels.map((channel) => (
              <th key={channel} scope="col">{channel}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {topics.map((topic) => (
            <tr key={topic.id}>
              <td>{topic.name}</td>
              {channels.map((channel) => (
                <td key={channel}>{STATUS_LABEL[lang][consentStatus(records, 'marketing', channel, topic.id)]}</td>
              ))}
            </tr>
          ))}
          <tr>
            <td>Tracking</td>
            {channels.map((channel) => (
              <td key={channel}>{STATUS_LABEL[lang][consentStatus(records, 'tracking', channel)]}</td>
            ))}
          </tr>
        </tbody>
      </table>
      <table className="consent-ledger" style={{ marginTop: 12 }}>
        <thead>
          <tr>
            {(lang === 'de' ? ['Zeitpunkt', 'Zweck', 'Thema', 'Kanal', 'Aktion', 'Quelle', 'Textversion'] : ['Time', 'Purpose', 'Topic', 'Channel', 'Action', 'Source', 'Text version']).map((heading) => (
              <th key={heading} scope="col">{heading}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {records.map((record) => (
            <tr key={record.id}>
              <td>{new Date(record.occurredAt).toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB')}</td>
              <td>{record.purpose}</td>
              <td>{topicName(record.topic)}</td>
              <td>{record.channel}</td>
              <td>{record.action}</td>
              <td>{record.source}</td>
              <td>{record.textVersion ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
