import { Button } from '@payloadcms/ui'
import React from 'react'

import type { ReportFormat } from '../reporting/reportFormat'
import type { AutomationSteps } from '../reporting/reportGroups'
import type { ReportWords } from './ReportTable'

import { ONLY_SINGLE_CAMPAIGNS, pagerPages, reportHref, type ReportQuery } from '../reporting/reportQuery'

const FIELD: React.CSSProperties = { display: 'flex', flexDirection: 'column', gap: 4, minWidth: 0 }
const INPUT: React.CSSProperties = {
  background: 'var(--theme-input-bg)',
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 'var(--style-radius-s)',
  color: 'var(--theme-elevation-800)',
  font: 'inherit',
  maxWidth: '100%',
  padding: '6px 8px',
}

/**
 * Search and filters as a plain GET form: submitting it is a link like any other (the URL holds the view),
 * and it works before the admin's scripts have loaded. A new search starts at page 1.
 */
export function ReportFilters({
  automations,
  query,
  statuses,
  t,
}: {
  automations: AutomationSteps[]
  query: ReportQuery
  statuses: { label: string; value: string }[]
  t: ReportWords
}) {
  return (
    <form
      action=""
      aria-label={t('kontorwerk-campaigns:reportFilters')}
      className="campaign-report__filters"
      method="get"
      role="search"
      style={{ alignItems: 'flex-end', display: 'flex', flexWrap: 'wrap', gap: 12, margin: '0 0 16px' }}
    >
      <label htmlFor="campaign-report-search" style={{ ...FIELD, flex: '1 1 220px' }}>
        {t('kontorwerk-campaigns:reportSearch')}
        <input
          defaultValue={query.search}
          id="campaign-report-search"
          name="q"
          placeholder={t('kontorwerk-campaigns:reportSearchPlaceholder')}
          style={INPUT}
          type="search"
        />
      </label>
      <label htmlFor="campaign-report-status" style={FIELD}>
        {t('kontorwerk-campaigns:reportFilterStatus')}
        <select defaultValue={query.status} id="campaign-report-status" name="status" style={INPUT}>
          <option value="">{t('kontorwerk-campaigns:reportAll')}</option>
          {statuses.map((status) => (
            <option key={status.value} value={status.value}>
              {status.label}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor="campaign-report-automation" style={FIELD}>
        {t('kontorwerk-campaigns:reportFilterAutomation')}
        <select defaultValue={query.automation} id="campaign-report-automation" name="automation" style={INPUT}>
          <option value="">{t('kontorwerk-campaigns:reportAll')}</option>
          <option value={ONLY_SINGLE_CAMPAIGNS}>{t('kontorwerk-campaigns:reportOnlySingle')}</option>
          {automations.map((automation) => (
            <option key={automation.id} value={automation.id}>
              {automation.name}
            </option>
          ))}
        </select>
      </label>
      <Button buttonStyle="primary" margin={false} size="medium" type="submit">
        {t('kontorwerk-campaigns:reportApply')}
      </Button>
      {(query.search || query.status || query.automation) && (
        <a href={reportHref(query, { automation: '', page: 1, search: '', status: '' })} style={{ padding: '6px 0' }}>
          {t('kontorwerk-campaigns:reportReset')}
        </a>
      )}
    </form>
  )
}

/** Previous, numbered and next page links; the open campaign and the filters stay as they are. */
export function ReportPager({
  format,
  page,
  query,
  t,
  totalPages,
}: {
  format: ReportFormat
  page: number
  query: ReportQuery
  t: ReportWords
  totalPages: number
}) {
  if (totalPages <= 1) return null
  const link = (target: number, text: string, label?: string) => (
    <a aria-label={label} href={reportHref(query, { page: target })} style={{ padding: '4px 8px' }}>
      {text}
    </a>
  )
  return (
    <nav
      aria-label={t('kontorwerk-campaigns:reportPages')}
      className="campaign-report__pager"
      style={{ alignItems: 'center', display: 'flex', flexWrap: 'wrap', gap: 4, marginBottom: 32 }}
    >
      {page > 1 && link(page - 1, '‹', t('kontorwerk-campaigns:reportPrevious'))}
      {pagerPages(page, totalPages).map((entry, index) =>
        entry === null ? (
          <span aria-hidden key={`gap-${index}`}>
            …
          </span>
        ) : entry === page ? (
          <span aria-current="page" key={entry} style={{ fontWeight: 700, padding: '4px 8px' }}>
            {format.number(entry)}
          </span>
        ) : (
          <React.Fragment key={entry}>
            {link(entry, format.number(entry), t('kontorwerk-campaigns:reportPageNumber', { page: String(entry) }))}
          </React.Fragment>
        ),
      )}
      {page < totalPages && link(page + 1, '›', t('kontorwerk-campaigns:reportNext'))}
    </nav>
  )
}
