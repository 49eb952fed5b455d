'use client'

import { useDocumentInfo, useTranslation } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

import type { LeadScoringTranslationKey, LeadScoringTranslations } from '../translations'
import type { LeadScore as Score } from '../utilities/explain'

const QUERY = `query ($id: ID!) { leadScore(subscriber: $id) {
  fit engagement total stage daysWithoutEngagement halfLifeDays
  attributeRules { name points }
  hits { ruleName axis points decayedPoints occurredAt eventType }
  personaFits { persona fit }
} }`

const NUMBER: React.CSSProperties = { fontSize: 22, fontWeight: 600, margin: 0 }
const CELL: React.CSSProperties = { padding: '2px 12px 2px 0', textAlign: 'left' }

/** The score on the subscriber's page, with every rule hit and what it is worth today. */
export function LeadScore() {
  const { id } = useDocumentInfo()
  const { i18n, t } = useTranslation<LeadScoringTranslations, LeadScoringTranslationKey>()
  const [score, setScore] = useState<null | Score>(null)
  const [failed, setFailed] = useState<null | string>(null)

  useEffect(() => {
    if (!id) return
    fetch('/api/graphql', {
      body: JSON.stringify({ query: QUERY, variables: { id: String(id) } }),
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      method: 'POST',
    })
      .then((response) => response.json())
      .then((result: { data?: { leadScore: Score }; errors?: { message: string }[] }) =>
        result.data?.leadScore ? setScore(result.data.leadScore) : setFailed(result.errors?.[0]?.message ?? 'error'),
      )
      .catch((error: Error) => setFailed(error.message))
  }, [id])

  if (!id) return null
  if (failed) return <p role="alert">{failed}</p>
  if (!score) return <p>{t('kontorwerk-lead-scoring:leadScoreLoading')}</p>
  const date = (value: string) => new Date(value).toLocaleDateString(i18n.language === 'de' ? 'de-DE' : 'en-GB')
  return (
    <section
      aria-label={t('kontorwerk-lead-scoring:leadScoreHeading')}
      className="lead-score"
      style={{ marginBottom: 24 }}
    >
      <h3>{t('kontorwerk-lead-scoring:leadScoreHeading')}</h3>
      <dl
        className="lead-score-summary"
        style={{ display: 'grid', gap: '4px 16px', gridTemplateColumns: 'repeat(4, auto)', justifyContent: 'start' }}
      >
        <dt>{t('kontorwerk-lead-scoring:leadScoreFit')}</dt>
        <dt>{t('kontorwerk-lead-scoring:leadScoreEngagement')}</dt>
        <dt>{t('kontorwerk-lead-scoring:leadScoreTotal')}</dt>
        <dt>{t('kontorwerk-lead-scoring:leadScoreStage')}</dt>
        <dd data-score="fit" style={NUMBER}>
          {score.fit}
        </dd>
        <dd data-score="engagement" style={NUMBER}>
          {score.engagement}
        </dd>
        <dd data-score="total" style={NUMBER}>
          {score.total}
        </dd>
        <dd data-score="stage" style={NUMBER}>
          {score.stage ?? '—'}
        </dd>
      </dl>
      {score.attributeRules.length > 0 && (
        <p>
          {t('kontorwerk-lead-scoring:leadScoreAttribute')}:{' '}
          {score.attributeRules.map((rule) => `${rule.name} (${rule.points > 0 ? '+' : ''}${rule.points})`).join(', ')}
        </p>
      )}
      {score.hits.length === 0 ? (
        <p>{t('kontorwerk-lead-scoring:leadScoreNone')}</p>
      ) : (
        <table className="lead-score-hits">
          <thead>
            <tr>
              <th scope="col" style={CELL}>
                {t('kontorwerk-lead-scoring:leadScoreDate')}
              </th>
              <th scope="col" style={CELL}>
                {t('kontorwerk-lead-scoring:leadScoreRule')}
              </th>
              <th scope="col" style={CELL}>
                {t('kontorwerk-lead-scoring:leadScoreEvent')}
              </th>
              <th scope="col" style={CELL}>
                {t('kontorwerk-lead-scoring:leadScoreAxis')}
              </th>
              <th scope="col" style={CELL}>
                {t('kontorwerk-lead-scoring:leadScorePoints')}
              </th>
              <th scope="col" style={CELL}>
                {t('kontorwerk-lead-scoring:leadScoreDecayed')}
              </th>
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
