'use client'

import { useDocumentInfo, useTranslation } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

import type { ConsentTranslationKey, ConsentTranslations } from '../translations'

import { type ConsentEvent, consentStatus } from '../utilities/consentState'
import { ledgerKeys } from '../utilities/ledgerLabels'

type RecordRow = ConsentEvent & { id: string; source: string; textVersion?: null | string; topic: null | string }
type Topic = { id: string; name: string }

const STATUS_LABEL = {
  granted: 'kontorwerk-consent:statusGranted',
  none: 'kontorwerk-consent:statusNone',
  pending: 'kontorwerk-consent:statusPending',
  withdrawn: 'kontorwerk-consent:statusWithdrawn',
} as const

const LEDGER_COLUMNS = [
  'historyTime',
  'historyPurpose',
  'historyTopic',
  'historyChannel',
  'historyAction',
  'historySource',
  'historyTextVersion',
] as const

/** The subscriber's consent: current state per topic and channel, and the ledger, read-only. */
export function ConsentHistory() {
  const { id } = useDocumentInfo()
  const { i18n, t } = useTranslation<ConsentTranslations, ConsentTranslationKey>()
  const [records, setRecords] = useState<null | RecordRow[]>(null)
  const [topics, setTopics] = useState<Topic[]>([])

  useEffect(() => {
    if (!id) return
    void Promise.all([
      fetch(`/api/consent-records?where[subscriber][equals]=${id}&sort=occurredAt&limit=500&depth=0`, {
        credentials: 'include',
      }).then((r) => r.json()),
      fetch('/api/topics?limit=100&depth=0', { credentials: 'include' }).then((r) => r.json()),
    ]).then(([ledger, topicList]) => {
      setRecords(
        (ledger.docs ?? []).map((doc: RecordRow & { topic: unknown }) => ({
          ...doc,
          topic: doc.topic == null ? null : String(doc.topic),
        })),
      )
      setTopics(
        (topicList.docs ?? []).map((doc: { id: unknown; name: string }) => ({ id: String(doc.id), name: doc.name })),
      )
    })
  }, [id])

  if (!id) return null
  if (!records) return <p>{t('kontorwerk-consent:historyLoading')}</p>
  const topicName = (topic: null | string) =>
    topic == null ? t('kontorwerk-consent:historyAllTopics') : (topics.find((t) => t.id === topic)?.name ?? topic)
  const channels = [...new Set(['email', ...records.map((record) => record.channel)])]
  // Stored values in the admin's words; a value without a text (a host's own channel) shows as stored.
  const word = (kind: keyof typeof ledgerKeys, value: string) => {
    const key = ledgerKeys[kind](value)
    const text = (t as (key: string) => string)(key)
    return text === key || text === key.slice(key.indexOf(':') + 1) ? value : text
  }

  return (
    <section aria-label={t('kontorwerk-consent:historyLabel')} className="consent-history" style={{ marginBottom: 24 }}>
      <h3>{t('kontorwerk-consent:historyHeading')}</h3>
      <table className="consent-state">
        <thead>
          <tr>
            <th scope="col">{t('kontorwerk-consent:historyTopic')}</th>
            {channels.map((channel) => (
              <th key={channel} scope="col">
                {word('channel', channel)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {topics.map((topic) => (
            <tr key={topic.id}>
              <td>{topic.name}</td>
              {channels.map((channel) => (
                <td key={channel}>{t(STATUS_LABEL[consentStatus(records, 'marketing', channel, topic.id)])}</td>
              ))}
            </tr>
          ))}
          <tr>
            <td>{t('kontorwerk-consent:historyTracking')}</td>
            {channels.map((channel) => (
              <td key={channel}>{t(STATUS_LABEL[consentStatus(records, 'tracking', channel)])}</td>
            ))}
          </tr>
        </tbody>
      </table>
      <table className="consent-ledger" style={{ marginTop: 12 }}>
        <thead>
          <tr>
            {LEDGER_COLUMNS.map((column) => (
              <th key={column} scope="col">
                {t(`kontorwerk-consent:${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {records.map((record) => (
            <tr key={record.id}>
              <td>{new Date(record.occurredAt).toLocaleString(i18n.language === 'de' ? 'de-DE' : 'en-GB')}</td>
              <td>{word('purpose', record.purpose)}</td>
              <td>{topicName(record.topic)}</td>
              <td>{word('channel', record.channel)}</td>
              <td>{word('action', record.action)}</td>
              <td>{word('source', record.source)}</td>
              <td>{record.textVersion ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
