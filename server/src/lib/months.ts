/**
 * Calendar months as YYYY-MM text, for the server and the client alike (the client imports this file): so it imports
 * nothing, and every month sum in the project is done here once.
 */

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/

export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH_PATTERN.test(value)
}

/** The month `by` months after YYYY-MM (before it when negative). */
export function shiftMonth(month: string, by: number): string {
  const [year, number] = month.split('-').map(Number)
  const index = year * 12 + (number - 1) + by
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** The month after YYYY-MM. */
export function nextMonth(month: string): string {
  return shiftMonth(month, 1)
}

/**
 * Every YYYY-MM from `from` to `to` inclusive, so quiet months show as 0 rather than vanish; empty when either end is
 * malformed or the range is reversed.
 */
export function monthsOf(from: string, to: string): string[] {
  if (!isMonth(from) || !isMonth(to) || from > to) return []
  const months: string[] = []
  for (let month = from; month <= to; month = nextMonth(month)) months.push(month)
  return months
}

/** The months of equal length just before `from`..`to`. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const length = monthsOf(from, to).length
  return { from: shiftMonth(from, -length), to: shiftMonth(from, -1) }
}

const londonMonth = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' })

/** The month (YYYY-MM) an instant falls in, in UK time, whatever the machine's zone. */
export function londonMonthOf(instant: Date): string {
  const parts = londonMonth.formatToParts(instant)
  return `${parts.find((part) => part.type === 'year')!.value}-${parts.find((part) => part.type === 'month')!.value}`
}

/**
 * The London month (YYYY-MM) of instants given as epoch seconds, remembered per instant: queries send period starts
 * as numbers (cheaper to produce and parse than text or dates), and a period has only a few dozen distinct starts.
 */
export function londonMonthOfEpoch(): (epochSeconds: number) => string {
  const known = new Map<number, string>()
  return (epochSeconds) => {
    let month = known.get(epochSeconds)
    if (month === undefined) {
      month = londonMonthOf(new Date(epochSeconds * 1000))
      known.set(epochSeconds, month)
    }
    return month
  }
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** "2024-03" → "Mar 2024"; formatted by hand so the label does not depend on the browser's locale data. */
export function formatMonth(month: string): string {
  if (!isMonth(month)) return month
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`
}
