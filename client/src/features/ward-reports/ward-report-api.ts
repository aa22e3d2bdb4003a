import { queryString } from '../../shared/api'

/** The ward-report API: the answer's shape is the server's (server/src/features/ward-reports/schemas.ts), and the request URL. */

export type { WardReport, WardReportWard } from '../../../../server/src/features/ward-reports/schemas'

/** A count as shown to a councillor: "<3" under the threshold, ">=N" for a total beside one. */
export type Count = import('../../../../server/src/features/ward-reports/schemas').WardReportWard['total']

export function wardReportsUrl(filters: { from: string | null; to: string | null; ward: string | null }): string {
  return `/api/ward-reports${queryString([
    ['from', filters.from],
    ['to', filters.to],
    ['ward', filters.ward],
  ])}`
}
