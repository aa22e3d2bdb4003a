import type { Count, WardReport, WardReportWard } from './ward-report-api'
import { csvField, formatCount } from '../../shared/format'
import { formatMonth } from '../../../../server/src/lib/months'

/** The N of a total shown to a councillor as ">=N" (at least N), else null. */
export function lowerBound(count: Count): number | null {
  const match = typeof count === 'string' ? /^>=(\d+)$/.exec(count) : null
  return match ? Number(match[1]) : null
}

/** Counts with en-GB grouping; "<3" as it came; a total known only as at least N as "≥ N". */
export function formatReportCount(count: Count): string {
  if (typeof count === 'number') return formatCount(count)
  const bound = lowerBound(count)
  return bound === null ? count : `\u2265 ${formatCount(bound)}`
}

/** True for a count the server hid from a councillor. */
export function isSuppressed(count: Count): boolean {
  return typeof count !== 'number'
}

/**
 * Busiest categories first, as a councillor scans a report; hidden counts after every shown one (they are small),
 * and ties in name order so the same data always reads the same.
 */
export function sortCategories(categories: WardReportWard['categories']): WardReportWard['categories'] {
  const rank = (count: Count) => (typeof count === 'number' ? count : -1)
  return [...categories].sort(
    (left, right) => rank(right.count) - rank(left.count) || left.category.localeCompare(right.category, 'en-GB'),
  )
}

export interface MonthGridRow {
  year: string
  /** January to December; null for months outside the report's period. */
  cells: (Count | null)[]
}

/** Months laid out as a year × month grid: three years fit in three short rows instead of 36 long ones. */
export function monthGrid(months: WardReportWard['months']): MonthGridRow[] {
  const rows = new Map<string, MonthGridRow>()
  for (const { month, count } of months) {
    const year = month.slice(0, 4)
    const index = Number(month.slice(5, 7)) - 1
    if (!(index >= 0 && index < 12)) continue
    const row = rows.get(year) ?? { year, cells: Array<Count | null>(12).fill(null) }
    row.cells[index] = count
    rows.set(year, row)
  }
  return [...rows.values()].sort((left, right) => left.year.localeCompare(right.year))
}

export const CSV_HEADER = ['Ward code', 'Ward', 'Council', 'From', 'To', 'Breakdown', 'Item', 'Count']

/**
 * The report as shown, one row per number: each ward's total, its categories (in the order shown) and its months.
 * Suppressed counts stay "<3" (or "*"), never a guessed number.
 */
export function wardReportCsv(report: WardReport, wards: readonly WardReportWard[] = report.wards): string {
  const from = report.period?.from ?? ''
  const to = report.period?.to ?? ''
  const rows: (string | number)[][] = [CSV_HEADER]
  for (const ward of wards) {
    const prefix = [ward.code, ward.name, ward.councilName, from, to]
    rows.push([...prefix, 'Total', 'All incidents', ward.total])
    for (const { category, count } of sortCategories(ward.categories)) rows.push([...prefix, 'Category', category, count])
    for (const { month, count } of ward.months) rows.push([...prefix, 'Month', month, count])
  }
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`
}

export function csvFileName(report: WardReport, wards: readonly WardReportWard[] = report.wards): string {
  const period = report.period ? `${report.period.from}-to-${report.period.to}` : 'no-data'
  const which = wards.length === 1 ? wards[0].code : 'wards'
  return `ward-report-${which}-${period}.csv`
}

/** "Jan 2024 – Mar 2024", or one month alone. */
export function describePeriod(period: WardReport['period']): string {
  if (!period) return 'no data yet'
  return period.from === period.to ? formatMonth(period.from) : `${formatMonth(period.from)} – ${formatMonth(period.to)}`
}
