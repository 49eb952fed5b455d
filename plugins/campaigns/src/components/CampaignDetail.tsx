import React from 'react'

import type { CampaignReport } from '../reporting/campaignReport'
import type { ReportFormat } from '../reporting/reportFormat'
import type { CampaignsTranslationKey } from '../translations'

import { abTestWords } from '../reporting/abTestWords'
import { automationHoldoutWords } from '../reporting/automationHoldoutWords'
import { reportHref, type ReportQuery } from '../reporting/reportQuery'
import { CountCells, CountHeaders, type ReportWords, ScrollBox } from './ReportTable'

/** The gate's reasons (`budget`, `withdrawn` …) in the admin language; anything else (an SMTP answer) as it is. */
const skipReason = (t: ReportWords, reason: string) => {
  const key = `kontorwerk-campaigns:skipReason_${reason}` as CampaignsTranslationKey
  const label = /^[a-z_]+$/.test(reason) ? t(key) : reason
  return label === key || label.endsWith(`skipReason_${reason}`) ? reason : label
}

/** One campaign (`?campaign=`): its counts, its variants, clicks per block and why recipients were skipped. */
export function CampaignDetail({
  format,
  query,
  report,
  t,
}: {
  format: ReportFormat
  query: ReportQuery
  report: CampaignReport
  t: ReportWords
}) {
  const abWords = report.abTest ? abTestWords(report.abTest, report.status, t, format) : []
  return (
    <section
      aria-labelledby="campaign-report-detail"
      className="campaign-report__detail"
      data-campaign={report.campaign}
      style={{ border: '1px solid var(--theme-elevation-150)', borderRadius: 4, marginBottom: 32, padding: 16 }}
    >
      <h2 id="campaign-report-detail" style={{ overflowWrap: 'anywhere' }}>
        {t('kontorwerk-campaigns:reportDetailOf', { name: report.name })}
      </h2>
      <p>
        <a href={`/admin/collections/campaigns/${report.campaign}`}>{report.name}</a>
        {' · '}
        <a href={reportHref(query, { campaign: '' })}>{t('kontorwerk-campaigns:reportCloseDetail')}</a>
      </p>
      {report.statusReason && <p role="status">{report.statusReason}</p>}
      <ScrollBox label={t('kontorwerk-campaigns:reportDetailTable')}>
        <table style={{ borderCollapse: 'collapse', width: '100%' }}>
          <CountHeaders
            first={[t('kontorwerk-campaigns:reportVariants')]}
            last={[t('kontorwerk-campaigns:reportRevenue')]}
            t={t}
          />
          <tbody>
            {[{ ...report, variant: '' }, ...report.variants].map((variant) => (
              <tr data-variant={variant.variant || '*'} key={variant.variant || '*'}>
                <th scope="row" style={{ padding: '6px 10px', textAlign: 'left' }}>
                  {variant.variant || t('kontorwerk-campaigns:reportAll')}
                </th>
                <CountCells counts={variant} format={format} />
                <td data-revenue style={{ padding: '6px 10px', textAlign: 'right' }}>
                  {format.money(variant.revenue)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      {abWords.length > 0 && (
        <>
          <h3>{t('kontorwerk-campaigns:reportAbTest')}</h3>
          <p data-ab-outcome={report.abTest?.outcome ?? 'running'}>{abWords.join(' ')}</p>
        </>
      )}
      {report.blocks.length > 0 && (
        <>
          <h3>{t('kontorwerk-campaigns:reportBlocks')}</h3>
          <ul>
            {report.blocks.map((block) => (
              <li data-block={block.block} key={block.block}>
                <a href={`/admin/collections/content-blocks/${block.block}`}>#{block.block}</a>:{' '}
                {format.number(block.uniqueClicks)} / {format.number(block.clicks)}
                {block.revenue.length > 0 &&
                  ` · ${t('kontorwerk-campaigns:reportRevenue')} ${format.money(block.revenue)}`}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.incrementalRevenue.length > 0 && (
        <>
          <h3>{t('kontorwerk-campaigns:reportIncremental')}</h3>
          <ul>
            {report.incrementalRevenue.map((entry) => (
              <li data-incremental={entry.currency} key={entry.currency}>
                {t('kontorwerk-campaigns:reportIncrementalLine', {
                  high: format.money([{ amount: entry.totalHigh, currency: entry.currency }]),
                  holdout: format.number(entry.holdout),
                  low: format.money([{ amount: entry.totalLow, currency: entry.currency }]),
                  perRecipient: format.money([{ amount: entry.perRecipient, currency: entry.currency }]),
                  total: format.money([{ amount: entry.total, currency: entry.currency }]),
                })}{' '}
                {t(
                  entry.significant
                    ? 'kontorwerk-campaigns:reportIncrementalSignificant'
                    : 'kontorwerk-campaigns:reportIncrementalNotSignificant',
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.automationHoldout && (
        <>
          <h3>{t('kontorwerk-campaigns:reportAutomationHoldout', { name: report.automationHoldout.name })}</h3>
          {automationHoldoutWords(report.automationHoldout, t, format).map((line) => (
            <p data-automation-holdout={report.automationHoldout?.automation} key={line}>
              {line}
            </p>
          ))}
        </>
      )}
      {report.revenueShare.length > 0 && (
        <>
          <h3>{t('kontorwerk-campaigns:reportRevenueShare')}</h3>
          <ul>
            {report.revenueShare.map((entry) => (
              <li data-share={entry.currency} key={entry.currency}>
                {t('kontorwerk-campaigns:reportRevenueShareLine', {
                  all: format.money([{ amount: entry.all, currency: entry.currency }]),
                  share: format.percent(entry.share),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.revenueByProduct.length > 0 && (
        <>
          <h3>{t('kontorwerk-campaigns:reportRevenueByProduct')}</h3>
          <ul>
            {report.revenueByProduct.map((entry) => (
              <li data-product={entry.product} key={entry.product}>
                {entry.product}: {format.money(entry.revenue)}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.skippedBy.length > 0 && (
        <p>
          {t('kontorwerk-campaigns:reportSkippedBecause')}:{' '}
          {report.skippedBy.map((entry) => `${skipReason(t, entry.reason)} (${format.number(entry.count)})`).join(', ')}
        </p>
      )}
    </section>
  )
}
