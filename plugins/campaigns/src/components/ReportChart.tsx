import React from 'react'

import type { ReportFormat } from '../reporting/reportFormat'
import type { ReportWords } from './ReportTable'

export type ChartSeries = { color: string; key: string; label: string }

/** The campaign counts charted: sent, unique opens, unique clicks, conversions (campaign report, lifecycle channels). */
export const countSeries = (t: ReportWords): ChartSeries[] => [
  { color: '#1f6feb', key: 'sent', label: t('kontorwerk-campaigns:reportSent') },
  { color: '#8250df', key: 'uniqueOpens', label: t('kontorwerk-campaigns:reportUniqueOpens') },
  { color: '#1a7f37', key: 'uniqueClicks', label: t('kontorwerk-campaigns:reportUniqueClicks') },
  { color: '#9a6700', key: 'conversions', label: t('kontorwerk-campaigns:reportConversions') },
]
export type ChartGroup = { campaign: string; name: string } & Record<string, unknown>

const value = (group: ChartGroup, key: string) => (typeof group[key] === 'number' ? group[key] : 0)

/**
 * One small panel per campaign with a horizontal bar per series, all on one scale. Panels wrap into as many
 * columns as the width allows (one at 375 px, four at 1440 px), names wrap instead of being cut, so the chart
 * never overflows the page. Plain HTML, no chart library; the same numbers are in the table below, which is
 * what screen readers are pointed to (the chart is one image with a description).
 */
export function ReportChart({
  description,
  format,
  groups,
  label,
  series,
}: {
  description: string
  format: ReportFormat
  groups: ChartGroup[]
  label: string
  series: ChartSeries[]
}) {
  const top = Math.max(1, ...groups.flatMap((group) => series.map((entry) => value(group, entry.key))))
  return (
    <figure aria-label={label} className="campaign-report__chart" style={{ margin: '0 0 24px', maxWidth: '100%' }}>
      <div
        aria-label={description}
        role="img"
        style={{ display: 'grid', gap: 16, gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 260px), 1fr))' }}
      >
        {groups.map((group) => (
          <div
            className="campaign-report__chart-panel"
            data-campaign={group.campaign}
            key={group.campaign}
            style={{ border: '1px solid var(--theme-elevation-150)', borderRadius: 4, minWidth: 0, padding: 8 }}
          >
            <div style={{ fontSize: 13, fontWeight: 600, marginBottom: 6, overflowWrap: 'anywhere' }}>{group.name}</div>
            {series.map((entry) => (
              <div
                key={entry.key}
                style={{ alignItems: 'center', display: 'grid', gap: 6, gridTemplateColumns: 'minmax(0, 1fr) auto' }}
              >
                <div style={{ background: 'var(--theme-elevation-50)', height: 10 }}>
                  <div
                    data-series={entry.key}
                    style={{
                      background: entry.color,
                      height: '100%',
                      width: `${(Math.max(0, value(group, entry.key)) / top) * 100}%`,
                    }}
                  />
                </div>
                <span style={{ fontSize: 12, fontVariantNumeric: 'tabular-nums' }}>
                  {format.number(value(group, entry.key))}
                </span>
              </div>
            ))}
          </div>
        ))}
      </div>
      <figcaption style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 16px', marginTop: 8 }}>
        {series.map((entry) => (
          <span key={entry.key}>
            <span
              aria-hidden
              style={{ background: entry.color, display: 'inline-block', height: 10, marginRight: 6, width: 10 }}
            />
            {entry.label}
          </span>
        ))}
      </figcaption>
    </figure>
  )
}
