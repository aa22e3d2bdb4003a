import { formatCount } from '../../shared/format'
import { formatMonth } from '../../../../server/src/lib/months'
import type { HexDetail } from './hex-detail-api'

/** "1 incident", "1,234 incidents". */
export function incidentsText(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'incident' : 'incidents'}`
}

/** "a month" rates: one decimal below ten, whole above. */
export function formatPerMonth(value: number): string {
  const text = Math.abs(value) < 10 ? value.toLocaleString('en-GB', { maximumFractionDigits: 1 }) : formatCount(Math.round(value))
  return `${text} a month`
}

/** "Jan 2024 – Mar 2024 (3 months)", "Mar 2024". */
export function periodText(period: { from: string; to: string }, months: number): string {
  if (!period.from) return 'no data'
  if (period.from === period.to) return formatMonth(period.from)
  return `${formatMonth(period.from)} – ${formatMonth(period.to)} (${months} months)`
}

/** "48 incidents in Jan 2024 – Mar 2024 (3 months), 16 a month": the cell's own figure, in words. */
export function hexSummary(detail: HexDetail): string {
  const months = detail.months.length
  if (months === 0) return 'No data for this period.'
  return `${incidentsText(detail.incidents)} in ${periodText(detail.period, months)}, ${formatPerMonth(detail.incidents / months)}`
}

/** "Stockton Town Centre: 40 of the 48" — the ward's part of this cell, never the ward's total. */
export function wardShareText(ward: HexDetail['wards'][number], total: number): string {
  return `${ward.name ?? 'Outside every ward'}: ${formatCount(ward.incidents)} of the ${formatCount(total)} here`
}

/** The monthly series for the small chart: short month labels. */
export function monthlySeries(detail: HexDetail): { month: string; label: string; incidents: number }[] {
  return detail.months.map((entry) => ({ month: entry.month, label: formatMonth(entry.month), incidents: entry.incidents }))
}
