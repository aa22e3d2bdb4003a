/** Every YYYY-MM from `from` to `to` inclusive, so quiet months show as 0 rather than vanish. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = []
  let [year, month] = from.split('-').map(Number)
  const [endYear, endMonth] = to.split('-').map(Number)
  while (year < endYear || (year === endYear && month <= endMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`)
    month += 1
    if (month > 12) [year, month] = [year + 1, 1]
  }
  return months
}

/** The month `by` months after YYYY-MM (before it when negative). */
export function shiftMonth(month: string, by: number): string {
  const [year, number] = month.split('-').map(Number)
  const index = year * 12 + (number - 1) + by
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`
}

const londonMonth = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' })

/**
 * The London month (YYYY-MM) of instants given as epoch seconds, remembered per instant: queries send period starts
 * as numbers (cheaper to produce and parse than text or dates), and a period has only a few dozen distinct starts.
 */
export function londonMonthOfEpoch(): (epochSeconds: number) => string {
  const known = new Map<number, string>()
  return (epochSeconds) => {
    let month = known.get(epochSeconds)
    if (month === undefined) {
      const parts = londonMonth.formatToParts(new Date(epochSeconds * 1000))
      month = `${parts.find((part) => part.type === 'year')!.value}-${parts.find((part) => part.type === 'month')!.value}`
      known.set(epochSeconds, month)
    }
    return month
  }
}
