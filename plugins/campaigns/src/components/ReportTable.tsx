import React from 'react'

import type { CampaignReport, Counts } from '../reporting/campaignReport'
import type { ReportFormat } from '../reporting/reportFormat'
import type { ReportGroup } from '../reporting/reportGroups'
import type { CampaignsTranslationKey } from '../translations'

import { CAMPAIGN_STATUS_OPTIONS } from '../collections/Campaigns'
import { reportHref, type ReportQuery } from '../reporting/reportQuery'

/** The report's words in the admin language (Payload's `req.t` over the campaigns translations). */
export type ReportWords = (key: CampaignsTranslationKey, vars?: Record<string, string>) => string

/** A campaign of the listed page: its report and where it came from. */
export type ReportRow = CampaignReport & {
  automation: null | string
  automationStep: null | string
  startedAt: null | string
}

export const COUNT_COLUMNS = [
  'sent',
  'delivered',
  'failed',
  'skipped',
  'bounced',
  'uniqueOpens',
  'uniqueClicks',
  'clickRate',
  'conversions',
  'unsubscribes',
] as const satisfies readonly (keyof Counts)[]

const COLUMN_LABELS: Record<(typeof COUNT_COLUMNS)[number], CampaignsTranslationKey> = {
  bounced: 'kontorwerk-campaigns:reportBounced',
  clickRate: 'kontorwerk-campaigns:reportClickRate',
  conversions: 'kontorwerk-campaigns:reportConversions',
  delivered: 'kontorwerk-campaigns:reportDelivered',
  failed: 'kontorwerk-campaigns:reportFailed',
  sent: 'kontorwerk-campaigns:reportSent',
  skipped: 'kontorwerk-campaigns:reportSkipped',
  uniqueClicks: 'kontorwerk-campaigns:reportUniqueClicks',
  uniqueOpens: 'kontorwerk-campaigns:reportUniqueOpens',
  unsubscribes: 'kontorwerk-campaigns:reportUnsubscribes',
}

const CELL: React.CSSProperties = { padding: '6px 10px', textAlign: 'right', whiteSpace: 'nowrap' }
const HEAD: React.CSSProperties = { ...CELL, borderBottom: '1px solid var(--theme-elevation-250)', textAlign: 'left' }

/** A wide table scrolls inside its own box (focusable, so keyboard users can scroll it), never the page. */
export function ScrollBox({ children, label }: { children: React.ReactNode; label: string }) {
  return (
    <div
      aria-label={label}
      className="campaign-report__scroll"
      role="region"
      style={{ marginBottom: 24, maxWidth: '100%', overflowX: 'auto' }}
      tabIndex={0}
    >
      {children}
    </div>
  )
}

/** The counts of one campaign or variant as table cells, formatted in the admin language. */
export function CountCells({ counts, format }: { counts: Counts; format: ReportFormat }) {
  return COUNT_COLUMNS.map((column) => (
    <td data-count={column} key={column} style={CELL}>
      {column === 'clickRate' ? format.percent(counts.clickRate) : format.number(counts[column])}
    </td>
  ))
}

export function CountHeaders({ first, last = [], t }: { first: string[]; last?: string[]; t: ReportWords }) {
  return (
    <thead>
      <tr>
        {first.map((label) => (
          <th key={label} scope="col" style={HEAD}>
            {label}
          </th>
        ))}
        {COUNT_COLUMNS.map((column) => (
          <th key={column} scope="col" style={{ ...HEAD, textAlign: 'right' }}>
            {t(COLUMN_LABELS[column])}
          </th>
        ))}
        {last.map((label) => (
          <th key={label} scope="col" style={{ ...HEAD, textAlign: 'right' }}>
            {label}
          </th>
        ))}
      </tr>
    </thead>
  )
}

/** The listed campaigns, automations' campaigns under a heading row of their automation, each linking to its detail. */
export function ReportTable({
  format,
  groups,
  query,
  t,
}: {
  format: ReportFormat
  groups: ReportGroup<ReportRow>[]
  query: ReportQuery
  t: ReportWords
}) {
  const statusLabel = (status: string) =>
    CAMPAIGN_STATUS_OPTIONS.find((option) => option.value === status)?.label({ t }) ?? status
  const columns = 3 + COUNT_COLUMNS.length
  const row = (report: ReportRow, step?: null | number) => (
    <tr data-campaign={report.campaign} key={report.campaign}>
      <th scope="row" style={{ ...CELL, paddingLeft: step === undefined ? 10 : 28, textAlign: 'left' }}>
        {step !== undefined && (
          <span className="campaign-report__step" style={{ display: 'block', fontSize: 12, fontWeight: 400 }}>
            {step === null
              ? t('kontorwerk-campaigns:reportStepRemoved')
              : t('kontorwerk-campaigns:reportStep', { step: String(step) })}
          </span>
        )}
        <a href={reportHref(query, { campaign: report.campaign })}>{report.name}</a>
      </th>
      <td style={{ ...CELL, textAlign: 'left' }}>{statusLabel(report.status)}</td>
      <td style={{ ...CELL, textAlign: 'left' }}>{format.dateTime(report.startedAt)}</td>
      <CountCells counts={report} format={format} />
    </tr>
  )
  return (
    <ScrollBox label={t('kontorwerk-campaigns:reportTableLabel')}>
      <table className="campaign-report__table" style={{ borderCollapse: 'collapse', width: '100%' }}>
        <CountHeaders
          first={[
            t('kontorwerk-campaigns:reportName'),
            t('kontorwerk-campaigns:reportStatus'),
            t('kontorwerk-campaigns:reportStarted'),
          ]}
          t={t}
        />
        {groups.map((group) =>
          group.kind === 'single' ? (
            <tbody key={group.row.campaign}>{row(group.row)}</tbody>
          ) : (
            <tbody data-automation={group.automation.id} key={`automation-${group.automation.id}`}>
              <tr>
                <th
                  colSpan={columns}
                  scope="rowgroup"
                  style={{ ...CELL, background: 'var(--theme-elevation-50)', textAlign: 'left' }}
                >
                  {t('kontorwerk-campaigns:reportAutomationGroup', { name: group.automation.name })}
                  {query.automation !== group.automation.id && (
                    <>
                      {' · '}
                      <a href={reportHref(query, { automation: group.automation.id, page: 1 })}>
                        {t('kontorwerk-campaigns:reportOnlyThisAutomation')}
                      </a>
                    </>
                  )}
                </th>
              </tr>
              {group.rows.map((report) => row(report, report.step))}
            </tbody>
          ),
        )}
      </table>
    </ScrollBox>
  )
}
