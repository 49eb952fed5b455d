'use client'

import { useDocumentInfo, useLocale, useTranslation } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

import { eventTypeKey } from '@kontorwerk/personalization/client'

import type { LeadScoringTranslationKey, LeadScoringTranslations } from '../translations'
import type { LeadScore as Score } from '../utilities/explain'

const QUERY = `query ($id: ID!) { leadScore(subscriber: $id) {
  fit engagement total stage daysWithoutEngagement halfLifeDays
  attributeRules { name points }
  hits { ruleName axis points decayedPoints occurredAt eventType }
  personaFits { persona fit } primaryPersona
} }`

/** Persona names and stage labels by id and key, in the content locale the admin is editing in. */
type Names = { personas: Map<string, string>; stages: Map<string, string> }

async function namesIn(locale: string | undefined): Promise<Names> {
  const query = (collection: string, fields: string[]) =>
    fetch(
      `/api/${collection}?limit=0&depth=0${fields.map((field) => `&select[${field}]=true`).join('')}${
        locale ? `&locale=${encodeURIComponent(locale)}` : ''
      }`,
      { credentials: 'include' },
    ).then((response) => response.json() as Promise<{ docs?: Record<string, unknown>[] }>)
  const [personas, stages] = await Promise.all([
    query('personas', ['name']),
    query('lifecycle-stages', ['key', 'label']),
  ])
  return {
    personas: new Map((personas.docs ?? []).map((doc) => [String(doc.id), String(doc.name ?? doc.id)])),
    stages: new Map((stages.docs ?? []).map((doc) => [String(doc.key), String(doc.label ?? doc.key)])),
  }
}

const NUMBER: React.CSSProperties = { fontSize: 22, fontWeight: 600, margin: 0 }
const CELL: React.CSSProperties = { padding: '2px 12px 2px 0', textAlign: 'left' }

/** The score on the subscriber's page, with every rule hit and what it is worth today. */
export function LeadScore() {
  const { id } = useDocumentInfo()
  const { i18n, t } = useTranslation<LeadScoringTranslations, LeadScoringTranslationKey>()
  const locale = useLocale()
  const [score, setScore] = useState<null | Score>(null)
  const [names, setNames] = useState<Names>({ personas: new Map(), stages: new Map() })
  const [failed, setFailed] = useState<null | string>(null)

  useEffect(() => {
    // Without names the panel still shows every number (with ids): names are a courtesy, not a condition.
    namesIn(locale?.code)
      .then(setNames)
      .catch(() => undefined)
  }, [locale?.code])

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
  const language = i18n.language === 'en' ? 'en-GB' : 'de-DE'
  const date = (value: string) => new Date(value).toLocaleDateString(language)
  // Scores decay to fractions: "24,56" for a German admin, not "24.56".
  const number = (value: number) => value.toLocaleString(language, { maximumFractionDigits: 2 })
  const percent = new Intl.NumberFormat(language, { maximumFractionDigits: 0, style: 'percent' })
  const fits = [...score.personaFits].sort((a, b) => b.fit - a.fit)
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
          {number(score.fit)}
        </dd>
        <dd data-score="engagement" style={NUMBER}>
          {number(score.engagement)}
        </dd>
        <dd data-score="total" style={NUMBER}>
          {number(score.total)}
        </dd>
        <dd data-score="stage" style={NUMBER}>
          {score.stage ? (names.stages.get(score.stage) ?? score.stage) : '—'}
        </dd>
      </dl>
      {score.attributeRules.length > 0 && (
        <p>
          {t('kontorwerk-lead-scoring:leadScoreAttribute')}:{' '}
          {score.attributeRules.map((rule) => `${rule.name} (${rule.points > 0 ? '+' : ''}${rule.points})`).join(', ')}
        </p>
      )}
      {fits.length > 0 && (
        <table aria-label={t('kontorwerk-lead-scoring:leadScorePersonaFits')} className="lead-score-persona-fits">
          <caption style={{ fontWeight: 600, textAlign: 'left' }}>
            {t('kontorwerk-lead-scoring:leadScorePersonaFits')}
          </caption>
          <thead>
            <tr>
              <th scope="col" style={CELL}>
                {t('kontorwerk-lead-scoring:leadScorePersona')}
              </th>
              <th scope="col" style={CELL}>
                {t('kontorwerk-lead-scoring:leadScorePersonaFit')}
              </th>
            </tr>
          </thead>
          <tbody>
            {fits.map((entry) => (
              <tr data-persona={entry.persona} key={entry.persona}>
                <td style={CELL}>
                  {names.personas.get(entry.persona) ?? entry.persona}
                  {entry.persona === score.primaryPersona && ` (${t('kontorwerk-lead-scoring:leadScorePrimary')})`}
                </td>
                <td data-fit={entry.fit} style={CELL}>
                  {percent.format(entry.fit / 100)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
                <td style={CELL}>
                  {hit.eventType ? (t as (key: string) => string)(eventTypeKey(hit.eventType)) : '—'}
                </td>
                <td style={CELL}>
                  {t(
                    hit.axis === 'fit'
                      ? 'kontorwerk-lead-scoring:leadScoreFit'
                      : 'kontorwerk-lead-scoring:leadScoreEngagement',
                  )}
                </td>
                <td style={CELL}>{number(hit.points)}</td>
                <td style={CELL}>{number(hit.decayedPoints)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
