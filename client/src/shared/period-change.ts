import type { Comparison } from '../../../server/src/features/summary/schemas'
import { formatMonth } from '../../../server/src/lib/months'

export type { Comparison }

/** "the month before", "the 3 months before". */
export function comparisonName(comparison: Comparison): string {
  return comparison.months === 1 ? 'the month before' : `the ${comparison.months} months before`
}

/** "Feb 2024", "Dec 2023 – Jan 2024": the months a change is measured against, for a tooltip. */
export function comparisonMonths(comparison: Comparison): string {
  const { from, to } = comparison.period
  return from === to ? formatMonth(from) : `${formatMonth(from)} – ${formatMonth(to)}`
}

/**
 * Why no change is given, or null when the data covers the whole period before (the server then gives its figures).
 * A period wholly before the data reads "no earlier data": a change from nothing would read as a rise.
 */
export function comparisonGap(comparison: Comparison | null): string | null {
  if (comparison === null || comparison.monthsWithData === 0) return 'no earlier data'
  if (comparison.monthsWithData < comparison.months) {
    return `earlier data covers only ${comparison.monthsWithData} of ${comparison.months} months`
  }
  return null
}

/** "+8%", "−5%" (a minus sign), "0%"; null when there was nothing before to take a share of. */
export function formatPercentChange(now: number, previous: number): string | null {
  if (previous <= 0) return null
  const change = Math.round((now / previous - 1) * 100)
  return change > 0 ? `+${change}%` : change < 0 ? `−${Math.abs(change)}%` : '0%'
}

/**
 * The change beside a count: "+8% on the 3 months before", "none in the month before", or why there is no change
 * ("no earlier data", "earlier data covers only 1 of 3 months"). `previous` is null when the server gave no figure.
 */
export function describeChange(now: number, previous: number | null, comparison: Comparison | null): string {
  const gap = comparisonGap(comparison)
  if (gap !== null || comparison === null || previous === null) return gap ?? 'no earlier data'
  const name = comparisonName(comparison)
  const percent = formatPercentChange(now, previous)
  if (percent === null) return now > 0 ? `none in ${name}` : `none in ${name} either`
  return percent === '0%' ? `the same as ${name}` : `${percent} on ${name}`
}
