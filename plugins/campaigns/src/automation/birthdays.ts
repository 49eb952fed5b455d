const pad = (value: number) => String(value).padStart(2, '0')

/**
 * The birthdays (MM-DD) celebrated on this UTC day. 29 February birthdays are celebrated on
 * 28 February in common years, as German civil law counts them (BGB §188 ends such periods on
 * the 28th), instead of skipping three years out of four.
 */
export function birthdaysCelebratedOn(day: Date): string[] {
  const month = day.getUTCMonth() + 1
  const date = day.getUTCDate()
  const leapYear = new Date(Date.UTC(day.getUTCFullYear(), 1, 29)).getUTCMonth() === 1
  if (month === 2 && date === 28 && !leapYear) return ['02-28', '02-29']
  return [`${pad(month)}-${pad(date)}`]
}
