import type { AdminViewServerProps } from 'payload'

import React from 'react'

import type { CampaignsTranslationKey } from '../translations'
import type { ReportWords } from './ReportTable'

import { DEFAULT_WEEKS, type LifecycleReport, lifecycleReport } from '../lifecycle/lifecycleReport'
import { reportFormat, type ReportFormat } from '../reporting/reportFormat'
import { countSeries, ReportChart } from './ReportChart'
import { reportPage } from './ReportPage'
import { ScrollBox } from './ReportTable'

/** The periods offered (weeks, the current one included); `?weeks=` takes any from 1 to 104. */
const WEEK_CHOICES = [4, 8, DEFAULT_WEEKS, 26, 52]
/** One colour per stage in their order (distinguishable from each other and from the white page); no stage: grey. */
const COLORS = ['#1f6feb', '#8250df', '#1a7f37', '#9a6700', '#bc4c00', '#cf222e', '#0a7f8c', '#bf3989', '#24292f']
const NO_STAGE = '#8c959f'

const CELL: React.CSSProperties = { padding: '6px 10px', textAlign: 'right', whiteSpace: 'nowrap' }
const HEAD: React.CSSProperties = { ...CELL, borderBottom: '1px solid var(--theme-elevation-250)' }
const TABLE: React.CSSProperties = { borderCollapse: 'collapse', width: '100%' }

const weeksOf = (value: string | string[] | undefined) => {
  const weeks = Number(Array.isArray(value) ? value[0] : value)
  return Number.isInteger(weeks) && weeks >= 1 && weeks <= 104 ? weeks : DEFAULT_WEEKS
}

/**
 * /admin/lifecycle ("Lebenszyklus"): subscribers per stage at the end of each calendar week, the moves
 * between stages, who is at risk or churned now and the win-back rate, revenue per stage and the
 * channels' campaign figures side by side (lifecycle/lifecycleReport.ts). The period is a plain GET
 * form (`?weeks=`), so a link reproduces the view; every chart's numbers are also in a table.
 */
export async function LifecycleDashboard(props: AdminViewServerProps) {
  const { locale, req } = props.initPageResult
  const t = req.t as unknown as ReportWords
  const template = reportPage(props, 'lifecycle-report', t('kontorwerk-campaigns:lifecycleTitle'))
  if (!req.user) return template(<p>{t('kontorwerk-campaigns:reportLogin')}</p>)
  const weeks = weeksOf(props.searchParams?.weeks)
  const report = await lifecycleReport(req.payload, { locale: locale?.code ?? req.i18n.language, req, weeks })
  const format = reportFormat(req.i18n.language)
  const stageName = (stage: null | string) =>
    stage === null
      ? t('kontorwerk-campaigns:lifecycleNoStage')
      : (report.stages.find((entry) => entry.id === stage)?.label ?? stage)
  return template(
    <>
      <p>
        {t('kontorwerk-campaigns:lifecycleIntro', {
          from: format.dateTime(report.period.from),
          to: format.dateTime(report.period.to),
        })}{' '}
        <a href="/admin/campaign-report">{t('kontorwerk-campaigns:lifecycleToCampaignReport')}</a>
      </p>
      <form aria-label={t('kontorwerk-campaigns:lifecyclePeriod')} method="get" style={{ marginBottom: 24 }}>
        <label htmlFor="lifecycle-weeks" style={{ marginRight: 8 }}>
          {t('kontorwerk-campaigns:lifecycleWeeks')}
        </label>
        <select defaultValue={String(weeks)} id="lifecycle-weeks" name="weeks">
          {[...new Set([...WEEK_CHOICES, weeks])]
            .sort((a, b) => a - b)
            .map((choice) => (
              <option key={choice} value={choice}>
                {format.number(choice)}
              </option>
            ))}
        </select>{' '}
        <button type="submit">{t('kontorwerk-campaigns:reportApply')}</button>
      </form>
      <NowSummary format={format} report={report} t={t} />
      <StagesOverTime format={format} report={report} stageName={stageName} t={t} />
      <Moves format={format} report={report} stageName={stageName} t={t} />
      <RevenueByStage format={format} report={report} stageName={stageName} t={t} />
      <Channels format={format} report={report} t={t} />
    </>,
  )
}

type Parts = { format: ReportFormat; report: LifecycleReport; t: ReportWords }
type StageParts = Parts & { stageName: (stage: null | string) => string }

function NowSummary({ format, report, t }: Parts) {
  const { winBack } = report
  const rows: [CampaignsTranslationKey, string][] = [
    ['kontorwerk-campaigns:lifecycleSubscribersNow', format.number(report.current.total)],
    ['kontorwerk-campaigns:lifecycleAtRisk', format.number(report.current.atRisk)],
    ['kontorwerk-campaigns:lifecycleChurned', format.number(report.current.churned)],
    ['kontorwerk-campaigns:lifecycleWinBack', winBack.rate === null ? '—' : format.percent(winBack.rate)],
  ]
  return (
    <section aria-labelledby="lifecycle-now" style={{ marginBottom: 32 }}>
      <h2 id="lifecycle-now">{t('kontorwerk-campaigns:lifecycleNow')}</h2>
      <dl
        className="lifecycle-report__now"
        style={{ display: 'grid', gap: '4px 24px', gridTemplateColumns: 'repeat(auto-fill, minmax(160px, 1fr))' }}
      >
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt style={{ fontSize: 13 }}>{t(label)}</dt>
            <dd data-figure={label.split(':')[1]} style={{ fontSize: 24, fontWeight: 600, margin: 0 }}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <p>
        {winBack.lapsed === 0
          ? t('kontorwerk-campaigns:lifecycleNoLapse')
          : t('kontorwerk-campaigns:lifecycleWinBackLine', {
              lapsed: format.number(winBack.lapsed),
              wonBack: format.number(winBack.wonBack),
            })}
      </p>
    </section>
  )
}

/** The week's column heading: "KW 49" and the day it starts. */
function WeekHeading({ format, t, week }: Omit<Parts, 'report'> & { week: LifecycleReport['weeks'][number] }) {
  return (
    <th scope="col" style={{ ...HEAD, textAlign: 'right' }}>
      {t('kontorwerk-campaigns:lifecycleWeek', { week: String(Number(week.iso.slice(-2))) })}
      <span style={{ display: 'block', fontSize: 12, fontWeight: 400 }}>
        {t('kontorwerk-campaigns:lifecycleWeekFrom', { date: format.dateTime(week.start).split(' ')[0] })}
      </span>
    </th>
  )
}

type WeekRow = { key: string; label: string; values: number[] }

/**
 * Rows × the report's weeks: a row header each, the weeks as column headers, and the totals of each
 * row (a column) or of each week (a footer row).
 */
function WeekTable({
  className,
  format,
  label,
  rows,
  t,
  totals,
  weeks,
}: Omit<Parts, 'report'> & {
  className: string
  label: string
  rows: WeekRow[]
  totals: 'row' | 'week'
  weeks: LifecycleReport['weeks']
}) {
  const rowHeader = (text: string) => (
    <th scope="row" style={{ ...CELL, textAlign: 'left' }}>
      {text}
    </th>
  )
  const total = (value: number, key?: string) => (
    <td key={key} style={{ ...CELL, fontWeight: 600 }}>
      {format.number(value)}
    </td>
  )
  return (
    <ScrollBox label={label}>
      <table className={className} style={TABLE}>
        <thead>
          <tr>
            <th scope="col" style={{ ...HEAD, textAlign: 'left' }}>
              {t('kontorwerk-campaigns:lifecycleStage')}
            </th>
            {weeks.map((week) => (
              <WeekHeading format={format} key={week.iso} t={t} week={week} />
            ))}
            {totals === 'row' && (
              <th scope="col" style={{ ...HEAD, textAlign: 'right' }}>
                {t('kontorwerk-campaigns:lifecycleTotal')}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr data-row={row.key} key={row.key}>
              {rowHeader(row.label)}
              {row.values.map((value, index) => (
                <td key={weeks[index].iso} style={CELL}>
                  {format.number(value)}
                </td>
              ))}
              {totals === 'row' && total(row.values.reduce((sum, value) => sum + value, 0))}
            </tr>
          ))}
        </tbody>
        {totals === 'week' && (
          <tfoot>
            <tr>
              {rowHeader(t('kontorwerk-campaigns:lifecycleTotal'))}
              {weeks.map((week) => total(week.total, week.iso))}
            </tr>
          </tfoot>
        )}
      </table>
    </ScrollBox>
  )
}

function StagesOverTime({ format, report, stageName, t }: StageParts) {
  const known = report.stages.map((stage) => stage.id as null | string)
  const stages = report.weeks.some((week) => week.stages.some((row) => row.stage === null)) ? [...known, null] : known
  const count = (week: LifecycleReport['weeks'][number], stage: null | string) =>
    week.stages.find((row) => row.stage === stage)?.subscribers ?? 0
  const keyOf = (stage: null | string) => `stage-${stage ?? 'none'}`
  return (
    <section aria-labelledby="lifecycle-stages" style={{ marginBottom: 32 }}>
      <h2 id="lifecycle-stages">{t('kontorwerk-campaigns:lifecyclePerStage')}</h2>
      <ReportChart
        description={t('kontorwerk-campaigns:lifecycleStagesChartDescription')}
        format={format}
        groups={report.weeks.map((week) => ({
          campaign: week.iso,
          name: t('kontorwerk-campaigns:lifecycleWeek', { week: String(Number(week.iso.slice(-2))) }),
          ...Object.fromEntries(stages.map((stage) => [keyOf(stage), count(week, stage)])),
        }))}
        label={t('kontorwerk-campaigns:lifecycleStagesChart')}
        series={stages.map((stage, index) => ({
          color: stage === null ? NO_STAGE : COLORS[index % COLORS.length],
          key: keyOf(stage),
          label: stageName(stage),
        }))}
      />
      <WeekTable
        className="lifecycle-report__stages"
        format={format}
        label={t('kontorwerk-campaigns:lifecycleStagesTable')}
        rows={stages.map((stage) => ({
          key: stage ?? 'none',
          label: stageName(stage),
          values: report.weeks.map((week) => count(week, stage)),
        }))}
        t={t}
        totals="week"
        weeks={report.weeks}
      />
    </section>
  )
}

function Moves({ format, report, stageName, t }: StageParts) {
  const pairs = new Map<string, { from: null | string; to: null | string; total: number }>()
  for (const week of report.weeks)
    for (const move of week.moves) {
      const key = `${move.from}→${move.to}`
      const pair = pairs.get(key) ?? { from: move.from, to: move.to, total: 0 }
      pairs.set(key, { ...pair, total: pair.total + move.subscribers })
    }
  const rows = [...pairs.values()].sort((a, b) => b.total - a.total)
  const count = (week: LifecycleReport['weeks'][number], from: null | string, to: null | string) =>
    week.moves.find((move) => move.from === from && move.to === to)?.subscribers ?? 0
  return (
    <section aria-labelledby="lifecycle-moves" style={{ marginBottom: 32 }}>
      <h2 id="lifecycle-moves">{t('kontorwerk-campaigns:lifecycleMoves')}</h2>
      {rows.length === 0 ? (
        <p role="status">{t('kontorwerk-campaigns:lifecycleNoMoves')}</p>
      ) : (
        <WeekTable
          className="lifecycle-report__moves"
          format={format}
          label={t('kontorwerk-campaigns:lifecycleMovesTable')}
          rows={rows.map((pair) => ({
            key: `${pair.from ?? 'none'}-${pair.to ?? 'none'}`,
            label: t('kontorwerk-campaigns:lifecycleMove', { from: stageName(pair.from), to: stageName(pair.to) }),
            values: report.weeks.map((week) => count(week, pair.from, pair.to)),
          }))}
          t={t}
          totals="row"
          weeks={report.weeks}
        />
      )}
    </section>
  )
}

function RevenueByStage({ format, report, stageName, t }: StageParts) {
  return (
    <section aria-labelledby="lifecycle-revenue" style={{ marginBottom: 32 }}>
      <h2 id="lifecycle-revenue">{t('kontorwerk-campaigns:lifecycleRevenue')}</h2>
      <p>{t('kontorwerk-campaigns:lifecycleRevenueNote')}</p>
      {report.revenueByStage.length === 0 ? (
        <p role="status">{t('kontorwerk-campaigns:lifecycleNoRevenue')}</p>
      ) : (
        <ScrollBox label={t('kontorwerk-campaigns:lifecycleRevenueTable')}>
          <table className="lifecycle-report__revenue" style={TABLE}>
            <thead>
              <tr>
                <th scope="col" style={{ ...HEAD, textAlign: 'left' }}>
                  {t('kontorwerk-campaigns:lifecycleStage')}
                </th>
                <th scope="col" style={{ ...HEAD, textAlign: 'right' }}>
                  {t('kontorwerk-campaigns:reportRevenue')}
                </th>
                <th scope="col" style={{ ...HEAD, textAlign: 'right' }}>
                  {t('kontorwerk-campaigns:lifecyclePurchases')}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.revenueByStage.map((row) => (
                <tr data-stage={row.stage ?? 'none'} key={row.stage ?? 'none'}>
                  <th scope="row" style={{ ...CELL, textAlign: 'left' }}>
                    {stageName(row.stage)}
                  </th>
                  <td style={CELL}>{format.money(row.revenue)}</td>
                  <td style={CELL}>
                    {row.revenue.map((entry) => `${entry.currency} ${format.number(entry.purchases)}`).join(' · ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </section>
  )
}

function Channels({ format, report, t }: Parts) {
  const channels = report.channels
  const channelName = (channel: string) => {
    const key = `kontorwerk-campaigns:channel${channel.charAt(0).toUpperCase()}${channel.slice(1)}`
    const label = /^[a-z]+$/.test(channel) ? t(key as CampaignsTranslationKey) : channel
    return label === key || label.endsWith(key.split(':')[1]) ? channel : label
  }
  type Row = NonNullable<LifecycleReport['channels']>[number]
  const rows: [CampaignsTranslationKey, (row: Row) => string][] = [
    ['kontorwerk-campaigns:lifecycleCampaigns', (row) => format.number(row.campaigns)],
    ['kontorwerk-campaigns:reportSent', (row) => format.number(row.sent)],
    ['kontorwerk-campaigns:reportDelivered', (row) => format.number(row.delivered)],
    ['kontorwerk-campaigns:reportUniqueOpens', (row) => format.number(row.uniqueOpens)],
    ['kontorwerk-campaigns:lifecycleOpenRate', (row) => format.percent(row.openRate)],
    ['kontorwerk-campaigns:reportUniqueClicks', (row) => format.number(row.uniqueClicks)],
    ['kontorwerk-campaigns:reportClickRate', (row) => format.percent(row.clickRate)],
    ['kontorwerk-campaigns:reportConversions', (row) => format.number(row.conversions)],
    ['kontorwerk-campaigns:lifecycleConversionRate', (row) => format.percent(row.conversionRate)],
    ['kontorwerk-campaigns:reportRevenue', (row) => format.money(row.revenue)],
  ]
  return (
    <section aria-labelledby="lifecycle-channels" style={{ marginBottom: 32 }}>
      <h2 id="lifecycle-channels">{t('kontorwerk-campaigns:lifecycleChannels')}</h2>
      {!channels ? (
        <p role="status">{t('kontorwerk-campaigns:lifecycleChannelsUnavailable')}</p>
      ) : (
        <>
          <p>{t('kontorwerk-campaigns:lifecycleChannelsNote')}</p>
          <ReportChart
            description={t('kontorwerk-campaigns:lifecycleChannelsChartDescription')}
            format={format}
            groups={channels.map((row) => ({ ...row, campaign: row.channel, name: channelName(row.channel) }))}
            label={t('kontorwerk-campaigns:lifecycleChannelsChart')}
            series={countSeries(t)}
          />
          <ScrollBox label={t('kontorwerk-campaigns:lifecycleChannelsTable')}>
            <table className="lifecycle-report__channels" style={TABLE}>
              <thead>
                <tr>
                  <th scope="col" style={{ ...HEAD, textAlign: 'left' }}>
                    {t('kontorwerk-campaigns:lifecycleKpi')}
                  </th>
                  {channels.map((row) => (
                    <th
                      data-channel={row.channel}
                      key={row.channel}
                      scope="col"
                      style={{ ...HEAD, textAlign: 'right' }}
                    >
                      {channelName(row.channel)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map(([label, value]) => (
                  <tr key={label}>
                    <th scope="row" style={{ ...CELL, textAlign: 'left' }}>
                      {t(label)}
                    </th>
                    {channels.map((row) => (
                      <td key={row.channel} style={CELL}>
                        {value(row)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        </>
      )}
    </section>
  )
}
