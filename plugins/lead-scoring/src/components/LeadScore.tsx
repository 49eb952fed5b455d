'use client'

import { useDocumentInfo, useTranslation } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

import type { LeadScore as Score } from '../utilities/explain'

const QUERY = `query ($id: ID!) { leadScore(subscriber: $id) {
  fit engagement total stage daysWithoutEngagement halfLifeDays
  attributeRules { name points }
  hits { ruleName axis points decayedPoints occurredAt eventType }
  personaFits { persona fit }
} }`

const NUMBER: React.CSSProperties = { fontSize: 22, fontWeight: 600, margin: 0 }
const CELL: React.CSSProperties = { padding: '2px 12px 2px 0', textAlign: 'left' }

const TEXT = {
  de: { attribute: 'Profilregeln', axis: 'Achse', date: 'Datum', decayed: 'heute', engagement: 'Engagement', event: 'Ereignis', fit: 'Fit', heading: 'Lead-Score (nur lesbar)', loading: 'Score wird geladen …', none: 'Noch keine Regeltreffer.', points: 'Punkte', rule: 'Regel', stage: 'Phase', total: 'Gesamt' },
  en: { attribute: 'Profile rules', axis: 'Axis', date: 'Date', decayed: 'today', engagement: 'Engagement', event: 'Event', fit: 'Fit', heading: 'Lead score (read-only)', loading: 'Loading score …', none: 'No rule hits yet.', points: 'Points', rule: 'Rule', stage: 'Stage', total: 'Total' },
}

/** The score on the subscriber's page, with every rule hit and what it is worth today. */
export function LeadScore() {
  const { id } = useDocumentInfo()
  const { i18n } = useTranslation()
  const lang = i18n.language === 'en' ? 'en' : 'de'
  const t = TEXT[lang]
  const [score, setScore] = useState<null | Score>(null)
  const [failed, setFailed] = useState<null | string>(null)

  useEffect(() => {
    if (!id) return
    fetch('/api/graphql', { body: JSON.stringify({ query: QUERY, variables: { id: String(id) } }), credentials: 'include', headers: { 'content-type': 'application/json' }, method: 'POST' })
      .then((response) => response.json())
      .then((result: { data?: { leadScore: Score }; errors?: { message: string }[] }) => (result.data?.leadScore ? setScore(result.data.leadScore) : setFailed(result.errors?.[0]?.message ?? 'error')))
      .catch((error: Error) => setFailed(error.message))
  }, [id])

  if (!id) return null
  if (failed) return <p role="alert">{failed}</p>
  if (!score) return <p>{t.loading}</p>
  const date = (value: string) => new Date(value).toLocaleDateString(lang === 'de' ? 'de-DE' : 'en-GB')
  return (
    <section aria-label={t.heading} className="lead-score" style={{ marginBottom: 24 }}>
      <h3>{t.heading}</h3>
      <dl className="lead-score-summary" style={{ display: 'grid', gap: '4px 16px', gridTemplateColumns: 'repeat(4, auto)', justifyContent: 'start' }}>
        <dt>{t.fit}</dt>
        <dt>{t.engagement}</dt>
        <dt>{t.total}</dt>
        <dt>{t.stage}</dt>
        <dd data-score="fit" style={NUMBER}>{score.fit}</dd>
        <dd data-score="engagement" style={NUMBER}>{score.engagement}</dd>
        <dd data-score="total" style={NUMBER}>{score.total}</dd>
        <dd data-score="stage" style={NUMBER}>{score.stage ?? '—'}</dd>
      </dl>
      {score.attributeRules.length > 0 && (
        <p>
          {t.attribute}: {score.attributeRules.map((rule) => `${rule.name} (${rule.points > 0 ? '+' : ''}${rule.points})`).join(', ')}
        </p>
      )}
      {score.hits.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <table className="lead-score-hits">
          <thead>
            <tr>
              <th scope="col" style={CELL}>{t.date}</th>
              <th scope="col" style={CELL}>{t.rule}</th>
              <th scope="col" style={CELL}>{t.event}</th>
              <th scope="col" style={CELL}>{t.axis}</th>
              <th scope="col" style={CELL}>{t.points}</th>
              <th scope="col" style={CELL}>{t.decayed}</th>
            </tr>
          </thead>
          <tbody>
            {score.hits.map((hit, index) => (
              <tr key={index}>
                <td style={CELL}>{date(hit.occurredAt)}</td>
                <td style={CELL}>{hit.ruleName}</td>
                <td style={CELL}>{hit.eventType}</td>
                <td style={CELL}>{hit.axis}</td>
                <td style={CELL}>{hit.points}</td>
                <td style={CELL}>{hit.decayedPoints}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
