/** Prints benchmark rows as an aligned plain-text table. */
export function printTable(title: string, rows: Record<string, number | string>[]): void {
  const columns = Object.keys(rows[0] ?? {})
  const cells = rows.map((row) => columns.map((column) => String(row[column])))
  const widths = columns.map((column, index) => Math.max(column.length, ...cells.map((row) => row[index].length)))
  const line = (values: string[]) => `| ${values.map((value, index) => value.padEnd(widths[index])).join(' | ')} |`
  console.log(`\n${title}\n${line(columns)}\n|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`)
  for (const row of cells) console.log(line(row))
}

export function peakMemory() {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 20)
  return () => {
    clearInterval(timer)
    return Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024)
  }
}
