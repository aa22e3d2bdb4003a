import { queryString } from '../../shared/api'
import type { PublishedMeta, UnsentEmail, WeeklyReport } from '../../../../server/src/features/weekly-reports/schemas'

export type { PublishedMeta, UnsentEmail, WeeklyReport }
export interface UnsentEmailAnswer {
  items: UnsentEmail[]
  mailConfigured: boolean
}
export type ShownCount = number | string
export interface ReportAnswer {
  meta: PublishedMeta
  report: WeeklyReport
}
export interface StoredContact {
  wardCode: string
  kind: ContactKind
  name: string
  email: string | null
  phone: string | null
  updatedAt: string
}
export const CONTACT_KINDS = ['neighbourhood-officer', 'enforcement-officer', 'housing-officer'] as const
export type ContactKind = (typeof CONTACT_KINDS)[number]
export const CONTACT_LABELS: Record<ContactKind, string> = {
  'neighbourhood-officer': 'Neighbourhood officer',
  'enforcement-officer': 'Enforcement officer',
  'housing-officer': 'Housing officer',
}

export const archiveUrl = (ward?: string | null) => `/api/weekly-reports${queryString([['ward', ward]])}`
export const publishUrl = '/api/weekly-reports'
const base = (ward: string, period: string) => `/api/weekly-reports/${encodeURIComponent(ward)}/${encodeURIComponent(period)}`
const versioned = (version?: number | null) => queryString([['version', version ? String(version) : null]])
export const reportUrl = (ward: string, period: string, version?: number | null) => `${base(ward, period)}${versioned(version)}`
export const reportCsvUrl = (ward: string, period: string, version?: number | null) => `${base(ward, period)}/report.csv${versioned(version)}`
export const reportPdfUrl = (ward: string, period: string, version?: number | null) => `${base(ward, period)}/report.pdf${versioned(version)}`
export const reportPageUrl = (ward: string, period: string, version?: number | null) => `/weekly-report${queryString([['ward', ward], ['period', period], ['version', version ? String(version) : null]])}`
export const contactsUrl = (ward?: string | null) => `/api/ward-contacts${queryString([['ward', ward]])}`
export const contactUrl = (ward: string, kind: ContactKind) => `/api/ward-contacts/${encodeURIComponent(ward)}/${kind}`
export const unsentEmailsUrl = '/api/weekly-report-emails'
export const retryEmailUrl = (id: number) => `/api/weekly-report-emails/${id}/retry`

/** Where an unsent e-mail stands, in words: given up on, or when it is tried next. */
export function unsentEmailWords(email: Pick<UnsentEmail, 'status' | 'attempts'>, nextTry: string | null): string {
  const tries = `${email.attempts} ${email.attempts === 1 ? 'try' : 'tries'}`
  if (email.status === 'failed') return `Given up after ${tries}`
  return nextTry ? `Not sent after ${tries}; tried again by itself at ${nextTry}` : `Not sent after ${tries}; tried again by itself soon`
}

/** "too few to compare" → "Too few to compare": the report's words start sentences on the page. */
export function sentence(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** A count as a lay reader reads it: "<3" as "fewer than 3", ">=12" as "at least 12". */
export function countWords(count: ShownCount): string {
  if (typeof count === 'number') return count.toLocaleString('en-GB')
  if (count.startsWith('<')) return `fewer than ${count.slice(1)}`
  if (count.startsWith('>=')) return `at least ${Number(count.slice(2)).toLocaleString('en-GB')}`
  return count
}

/**
 * The chart's fixed scale: the smallest step of one ladder the largest shown total fits under, so a ward's chart keeps
 * its scale week after week (it changes only when a total crosses a step), and two wards on the same step compare by eye.
 */
export const CHART_STEPS = [10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000]
export function chartMaximum(totals: readonly (ShownCount | null)[]): number {
  const largest = Math.max(0, ...totals.map(chartValue))
  return CHART_STEPS.find((step) => largest <= step) ?? Math.ceil(largest / 10000) * 10000
}

/** The height a shown total draws at: its number, the "at least" bound, and nothing for a small count (labelled instead). */
export function chartValue(count: ShownCount | null): number {
  if (count === null) return 0
  if (typeof count === 'number') return count
  if (count.startsWith('>=')) return Number(count.slice(2))
  return 0
}

/** The map's colours for its fixed bands (MAP_BANDS on the server): light to dark, the same in every report. */
export const BAND_COLOURS = ['#fde4c8', '#fdb97e', '#f9833c', '#d9480f', '#8a2b06']

export interface Projection {
  width: number
  height: number
  point(lon: number, lat: number): [number, number]
}

/** A flat projection of the ward's box onto `width` pixels: longitudes shrunk by cos(latitude), as on a street map. */
export function projectBox(rings: readonly (readonly number[])[], width: number, margin = 8): Projection {
  let minLon = Infinity
  let maxLon = -Infinity
  let minLat = Infinity
  let maxLat = -Infinity
  for (const [lon, lat] of rings) {
    minLon = Math.min(minLon, lon)
    maxLon = Math.max(maxLon, lon)
    minLat = Math.min(minLat, lat)
    maxLat = Math.max(maxLat, lat)
  }
  const shrink = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180)
  const spanX = Math.max((maxLon - minLon) * shrink, 1e-9)
  const spanY = Math.max(maxLat - minLat, 1e-9)
  const scale = (width - 2 * margin) / spanX
  const height = Math.round(spanY * scale + 2 * margin)
  return {
    width,
    height,
    point: (lon, lat) => [margin + (lon - minLon) * shrink * scale, margin + (maxLat - lat) * scale],
  }
}

/** Every position of a GeoJSON (Multi)Polygon, flattened. */
export function outlinePositions(outline: unknown): number[][] {
  const geometry = outline as { type?: string; coordinates?: unknown }
  if (geometry?.type === 'Polygon') return (geometry.coordinates as number[][][]).flat()
  if (geometry?.type === 'MultiPolygon') return (geometry.coordinates as number[][][][]).flat(2)
  return []
}

export function outlineRings(outline: unknown): number[][][] {
  const geometry = outline as { type?: string; coordinates?: unknown }
  if (geometry?.type === 'Polygon') return geometry.coordinates as number[][][]
  if (geometry?.type === 'MultiPolygon') return (geometry.coordinates as number[][][][]).flat()
  return []
}
