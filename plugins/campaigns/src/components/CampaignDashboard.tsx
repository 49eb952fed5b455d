import type { AdminViewServerProps } from 'payload'

import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter } from '@payloadcms/ui'
import React from 'react'

import { CAMPAIGN_STATUS_OPTIONS } from '../collections/Campaigns'
import { type CampaignReport, campaignReport } from '../reporting/campaignReport'
import { ReportChart } from './ReportChart'

const TEXT = {
  de: {
    blocks: 'Blöcke nach Klicks',
    chart: 'Versendet, Öffnungen, Klicks und Conversions je Kampagne',
    columns: { bounced: 'Bounces', clickRate: 'Klickrate', conversions: 'Conversions', delivered: 'Zugestellt', failed: 'Fehlgeschlagen', name: 'Kampagne', sent: 'Gesendet', skipped: 'Übersprungen', status: 'Status', uniqueClicks: 'Klicks (eindeutig)', uniqueOpens: 'Öffnungen (eindeutig)', unsubscribes: 'Abmeldungen' },
    empty: 'Noch keine Kampagnen.',
    login: 'Bitte melden Sie sich an.',
    skipped: 'Übersprungen wegen',
    title: 'Kampagnen-Bericht',
    variants: 'Varianten',
  },
  en: {
    blocks: 'Blocks by clicks',
    chart: 'Sent, opens, clicks and conversions per campaign',
    columns: { bounced: 'Bounces', clickRate: 'Click rate', conversions: 'Conversions', delivered: 'Delivered', failed: 'Failed', name: 'Campaign', sent: 'Sent', skipped: 'Skipped', status: 'Status', uniqueClicks: 'Clicks (unique)', uniqueOpens: 'Opens (unique)', unsubscribes: 'Unsubscribes' },
    empty: 'No campaigns yet.',
    login: 'Please log in.',
    skipped: 'Skipped because',
    title: 'Campaign report',
    variants: 'Variants',
  },
}

type Language = keyof typeof TEXT

const COLUMNS = ['sent', 'delivered', 'failed', 'skipped', 'bounced', 'uniqueOpens', 'uniqueClicks', 'clickRate', 'conversions', 'unsubscribes'] as const
const percent = (value: number) => `${(value * 100).toFixed(1)} %`

/** /admin/campaign-report: every recent campaign's counts as a chart and a table; `?campaign=` adds its variants and blocks. */
export async function CampaignDashboard({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const { locale, permissions, req, visibleEntities } = initPageResult
  const language = req.i18n?.language === 'en' ? 'en' : 'de'
  const t = TEXT[language]
  const template = (children: React.ReactNode) => (
    <DefaultTemplate i18n={req.i18n} locale={locale} params={params} payload={req.payload} permissions={permissions} searchParams={searchParams} user={req.user ?? undefined} visibleEntities={visibleEntities}>
      <Gutter>
        <h1>{t.title}</h1>
        {children}
      </Gutter>
    </DefaultTemplate>
  )
  if (!req.user) return template(<p>{t.login}</p>)
  const { docs } = await req.payload.find({ collection: 'campaigns', depth: 0, limit: 20, req, sort: '-createdAt' })
  const reports = await Promise.all(docs.map((doc) => campaignReport(req.payload, String(doc.id), req)))
  if (reports.length === 0) return template(<p>{t.empty}</p>)
  const selected = reports.find((report) => report.campaign === String(searchParams?.campaign ?? '')) ?? null
  return template(
    <>
      <ReportChart
        description={t.chart}
        groups={[...reports].reverse().map((report) => ({ label: report.name, values: { clicks: report.uniqueClicks, conversions: report.conversions, opens: report.uniqueOpens, sent: report.sent } }))}
        series={[
          { color: '#1f6feb', key: 'sent', label: t.columns.sent },
          { color: '#8250df', key: 'opens', label: t.columns.uniqueOpens },
          { color: '#1a7f37', key: 'clicks', label: t.columns.uniqueClicks },
          { color: '#bf8700', key: 'conversions', label: t.columns.conversions },
        ]}
      />
      <ReportTable language={language} reports={reports} t={t} />
      {selected && <CampaignDetail language={language} report={selected} t={t} />}
    </>,
  )
}

/** Campaign rows link to their detail; variant rows (`linked` false) are the detail. */
function ReportTable({ language, linked = true, reports, t }: { language: Language; linked?: boolean; reports: CampaignReport[]; t: (typeof TEXT)['de'] }) {
  const statusLabel = (status: string) => CAMPAIGN_STATUS_OPTIONS.find((option) => option.value === status)?.label[language] ?? status
  return (
    <table className="campaign-report__table" style={{ borderCollapse: 'collapse', width: '100%' }}>
      <thead>
        <tr>
          <th scope="col">{t.columns.name}</th>
          <th scope="col">{t.columns.status}</th>
          {COLUMNS.map((column) => (
            <th key={column} scope="col">
              {t.columns[column]}
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

function CampaignDetail({ language, report, t }: { language: Language; report: CampaignReport; t: (typeof TEXT)['de'] }) {
  return (
    <section aria-label={report.name} style={{ marginTop: 32 }}>
      <h2>{report.name}</h2>
      {report.statusReason && <p role="status">{report.statusReason}</p>}
      {report.variants.length > 0 && (
        <>
          <h3>{t.variants}</h3>
          <ReportTable language={language} linked={false} reports={report.variants.map((variant) => ({ ...report, ...variant, campaign: `${report.campaign}-${variant.variant}`, name: variant.variant, status: '' }))} t={t} />
        </>
      )}
      {report.blocks.length > 0 && (
        <>
          <h3>{t.blocks}</h3>
          <ul>
            {report.blocks.map((block) => (
              <li data-block={block.block} key={block.block}>
                <a href={`/admin/collections/content-blocks/${block.block}`}>#{block.block}</a>: {block.uniqueClicks} / {block.clicks}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.skippedBy.length > 0 && (
        <p>
          {t.skipped}: {report.skippedBy.map((entry) => `${entry.reason} (${entry.count})`).join(', ')}
        </p>
      )}
    </section>
  )
}
