import type { AdminViewServerProps } from 'payload'

import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter } from '@payloadcms/ui'
import React from 'react'

import type { CampaignsTranslationKey } from '../translations'

import { CAMPAIGN_STATUS_OPTIONS } from '../collections/Campaigns'
import { type CampaignReport, campaignReport } from '../reporting/campaignReport'
import { ReportChart } from './ReportChart'

/** The dashboard's words in the admin language (Payload's `req.t` over the campaigns translations). */
type Words = (key: CampaignsTranslationKey) => string

const COLUMNS = [
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
] as const
const COLUMN_LABELS: Record<(typeof COLUMNS)[number], CampaignsTranslationKey> = {
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
const percent = (value: number) => `${(value * 100).toFixed(1)} %`

/** The gate's reasons (`budget`, `withdrawn` …) in the admin language; anything else (an SMTP answer) as it is. */
const skipReason = (t: Words, reason: string) => {
  const key = `kontorwerk-campaigns:skipReason_${reason}` as CampaignsTranslationKey
  const label = /^[a-z_]+$/.test(reason) ? t(key) : reason
  return label === key || label.endsWith(`skipReason_${reason}`) ? reason : label
}

/** /admin/campaign-report: every recent campaign's counts as a chart and a table; `?campaign=` adds its variants and blocks. */
export async function CampaignDashboard({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const { locale, permissions, req, visibleEntities } = initPageResult
  const t = req.t as unknown as Words
  const template = (children: React.ReactNode) => (
    <DefaultTemplate
      i18n={req.i18n}
      locale={locale}
      params={params}
      payload={req.payload}
      permissions={permissions}
      searchParams={searchParams}
      user={req.user ?? undefined}
      visibleEntities={visibleEntities}
    >
      <Gutter>
        <h1>{t('kontorwerk-campaigns:reportTitle')}</h1>
        {children}
      </Gutter>
    </DefaultTemplate>
  )
  if (!req.user) return template(<p>{t('kontorwerk-campaigns:reportLogin')}</p>)
  const { docs } = await req.payload.find({ collection: 'campaigns', depth: 0, limit: 20, req, sort: '-createdAt' })
  const reports = await Promise.all(docs.map((doc) => campaignReport(req.payload, String(doc.id), req)))
  if (reports.length === 0) return template(<p>{t('kontorwerk-campaigns:reportEmpty')}</p>)
  const selected = reports.find((report) => report.campaign === String(searchParams?.campaign ?? '')) ?? null
  return template(
    <>
      <ReportChart
        description={t('kontorwerk-campaigns:reportChart')}
        groups={[...reports].reverse().map((report) => ({
          label: report.name,
          values: {
            clicks: report.uniqueClicks,
            conversions: report.conversions,
            opens: report.uniqueOpens,
            sent: report.sent,
          },
        }))}
        series={[
          { color: '#1f6feb', key: 'sent', label: t(COLUMN_LABELS.sent) },
          { color: '#8250df', key: 'opens', label: t(COLUMN_LABELS.uniqueOpens) },
          { color: '#1a7f37', key: 'clicks', label: t(COLUMN_LABELS.uniqueClicks) },
          { color: '#bf8700', key: 'conversions', label: t(COLUMN_LABELS.conversions) },
        ]}
      />
      <ReportTable reports={reports} t={t} />
      {selected && <CampaignDetail report={selected} t={t} />}
    </>,
  )
}

/** Campaign rows link to their detail; variant rows (`linked` false) are the detail. */
function ReportTable({ linked = true, reports, t }: { linked?: boolean; reports: CampaignReport[]; t: Words }) {
  const statusLabel = (status: string) =>
    CAMPAIGN_STATUS_OPTIONS.find((option) => option.value === status)?.label({ t }) ?? status
  return (
    <table className="campaign-report__table" style={{ borderCollapse: 'collapse', width: '100%' }}>
      <thead>
        <tr>
          <th scope="col">{t('kontorwerk-campaigns:reportName')}</th>
          <th scope="col">{t('kontorwerk-campaigns:reportStatus')}</th>
          {COLUMNS.map((column) => (
            <th key={column} scope="col">
              {t(COLUMN_LABELS[column])}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {reports.map((report) => (
          <tr data-campaign={report.campaign} key={report.campaign}>
            <th scope="row">{linked ? <a href={`?campaign=${report.campaign}`}>{report.name}</a> : report.name}</th>
            <td>{statusLabel(report.status)}</td>
            {COLUMNS.map((column) => (
              <td data-count={column} key={column}>
                {column === 'clickRate' ? percent(report.clickRate) : report[column]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function CampaignDetail({ report, t }: { report: CampaignReport; t: Words }) {
  return (
    <section aria-label={report.name} style={{ marginTop: 32 }}>
      <h2>{report.name}</h2>
      {report.statusReason && <p role="status">{report.statusReason}</p>}
      {report.variants.length > 0 && (
        <>
          <h3>{t('kontorwerk-campaigns:reportVariants')}</h3>
          <ReportTable
            linked={false}
            reports={report.variants.map((variant) => ({
              ...report,
              ...variant,
              campaign: `${report.campaign}-${variant.variant}`,
              name: variant.variant,
              status: '',
            }))}
            t={t}
          />
        </>
      )}
      {report.blocks.length > 0 && (
        <>
          <h3>{t('kontorwerk-campaigns:reportBlocks')}</h3>
          <ul>
            {report.blocks.map((block) => (
              <li data-block={block.block} key={block.block}>
                <a href={`/admin/collections/content-blocks/${block.block}`}>#{block.block}</a>: {block.uniqueClicks} /{' '}
                {block.clicks}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.skippedBy.length > 0 && (
        <p>
          {t('kontorwerk-campaigns:reportSkippedBecause')}:{' '}
          {report.skippedBy.map((entry) => `${skipReason(t, entry.reason)} (${entry.count})`).join(', ')}
        </p>
      )}
    </section>
  )
}
