import React from 'react'

export type ChartSeries = { color: string; key: string; label: string }
export type ChartGroup = { label: string; values: Record<string, number> }

/**
 * A grouped bar chart as plain SVG (no chart library for four bars per campaign). The numbers are
 * also in the table beside it, which is what screen readers get; the SVG is described as an image.
 */
export function ReportChart({
  description,
  groups,
  series,
}: {
  description: string
  groups: ChartGroup[]
  series: ChartSeries[]
}) {
  const width = 720
  const barWidth = 18
  const groupWidth = series.length * barWidth + 24
  const height = 220
  const top = Math.max(1, ...groups.flatMap((group) => series.map((entry) => group.values[entry.key] ?? 0)))
  const chartWidth = Math.max(width, groups.length * groupWidth + 40)
  return (
    <figure className="campaign-report__chart" style={{ margin: '0 0 24px', overflowX: 'auto' }}>
      <svg
        aria-label={description}
        height={height + 60}
        role="img"
        viewBox={`0 0 ${chartWidth} ${height + 60}`}
        width={chartWidth}
      >
        <line stroke="currentColor" strokeOpacity={0.3} x1={30} x2={chartWidth} y1={height} y2={height} />
        {groups.map((group, groupIndex) => (
          <g key={group.label} transform={`translate(${40 + groupIndex * groupWidth}, 0)`}>
            {series.map((entry, index) => {
              const value = group.values[entry.key] ?? 0
              const barHeight = Math.round((value / top) * (height - 20))
              return (
                <g key={entry.key}>
                  <rect
                    data-series={entry.key}
                    fill={entry.color}
                    height={barHeight}
                    width={barWidth - 4}
                    x={index * barWidth}
                    y={height - barHeight}
                  />
                  <text
                    fontSize={10}
                    textAnchor="middle"
                    x={index * barWidth + (barWidth - 4) / 2}
                    y={height - barHeight - 4}
                  >
                    {value}
                  </text>
                </g>
              )
            })}
            <text fontSize={11} x={0} y={height + 16}>
              {group.label.length > 16 ? `${group.label.slice(0, 15)}…` : group.label}
            </text>
          </g>
        ))}
      </svg>
      <figcaption style={{ display: 'flex', flexWrap: 'wrap', gap: 16 }}>
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
