import { monthsOf, previousPeriod } from '../../lib/months.js'
import type { Period } from './period-in-data.js'

/** The equal period just before the one counted, that a change is measured against, and how much of it has data. */
export interface Comparison {
  period: Period
  months: number
  /** Its months with any incident (any category, anywhere): a month without is not data, not a quiet month. */
  monthsWithData: number
}

/**
 * The comparison for a period, given every month with data (DataPeriod.months). A period before the first month of the
 * data, or in a gap with no import, has no months with data: comparing with it would read as a rise from nothing.
 */
export function comparisonOf(period: Period, dataMonths: readonly string[]): Comparison {
  const previous = previousPeriod(period.from, period.to)
  const withData = new Set(dataMonths)
  const months = monthsOf(previous.from, previous.to)
  return { period: previous, months: months.length, monthsWithData: months.filter((month) => withData.has(month)).length }
}

/** Whether a change against the comparison means something: the data covers every month of it. */
export function comparable(comparison: Comparison): boolean {
  return comparison.monthsWithData === comparison.months
}
