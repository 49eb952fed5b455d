import { timeZoneOf } from '@kontorwerk/personalization'

/** Intl locales of the admin languages: German first, English (British dates: day before month) second. */
const LOCALES: Record<string, string> = { de: 'de-DE', en: 'en-GB' }

export type ReportFormat = {
  /** 06.12.2026 14:03 (de) / 06/12/2026 14:03 (en), in the planning time zone the campaigns are planned in. */
  dateTime: (value: Date | null | string | undefined) => string
  /** Revenue per currency, never converted: 1.234,50 € · 19,00 CHF (de); '—' for none. */
  money: (revenue: { amount: number; currency: string }[]) => string
  /** 1.234 (de) / 1,234 (en). */
  number: (value: number) => string
  /** A share 0…1 as 12,5 % (de) / 12.5% (en), one decimal. */
  percent: (value: number) => string
}

/** Numbers, shares and dates of the report in the admin language (`req.i18n.language`); dates in the planning zone by default. */
export function reportFormat(language: string, timeZone = timeZoneOf({})): ReportFormat {
  const locale = LOCALES[language] ?? LOCALES.de
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })
  const percents = new Intl.NumberFormat(locale, {
    maximumFractionDigits: 1,
    minimumFractionDigits: 1,
    style: 'percent',
  })
  const dates = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', timeZone, year: 'numeric' })
  const times = new Intl.DateTimeFormat(locale, { hour: '2-digit', hourCycle: 'h23', minute: '2-digit', timeZone })
  return {
    dateTime: (value) => {
      if (value == null || value === '') return '—'
      const date = new Date(value)
      return Number.isNaN(date.getTime()) ? '—' : `${dates.format(date)} ${times.format(date)}`
    },
    money: (revenue) =>
      revenue.length
        ? revenue
            .map(({ amount, currency }) =>
              new Intl.NumberFormat(locale, { currency, style: 'currency' }).format(amount),
            )
            .join(' · ')
        : '—',
    number: (value) => numbers.format(value),
    percent: (value) => percents.format(value),
  }
}
