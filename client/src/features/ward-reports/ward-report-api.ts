import { queryString } from '../../shared/api'

/** The ward-report API (server/src/features/ward-reports/routes.ts): the answer's shape and the request URL. */

/** A count as shown to a councillor: "<3" under the threshold, "*" when hidden so a "<3" cannot be worked out. */
export type Count = number | string

export interface WardReportWard {
  code: string
  name: string
  councilName: string
  total: Count
  /** Every category, zeros included. */
  categories: { category: string; count: Count }[]
  /** Staff: each month of the period. Councillors: each month's total up to the report's month (the trend). */
  months: { month: string; count: Count }[]
}

export interface WardReport {
  /** The months the totals and categories cover; for a councillor, one month. */
  period: { from: string; to: string } | null
  /** The months with data: the periods a report may be asked for. */
  dataPeriod: { from: string; to: string } | null
  suppressionThreshold: number
  suppressed: boolean
  wards: WardReportWard[]
}

export function wardReportsUrl(filters: { from: string | null; to: string | null; ward: string | null }): string {
  return `/api/ward-reports${queryString([
    ['from', filters.from],
    ['to', filters.to],
    ['ward', filters.ward],
  ])}`
}
