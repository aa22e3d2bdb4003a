import { cellsToMultiPolygon } from 'h3-js'
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson'
import { formatCount } from '../../shared/format'
import { formatMonth } from '../../../../server/src/lib/months'
import { csvField } from '../../shared/format'
import type { LocationTrend, ProblemLocation, ProblemLocationsAnswer } from './hotspot-api'
import type { Measure } from './hotspot-url'
import { measuredValue } from './measure'
import { EMERGING_CATEGORY_LABELS, HOTSPOT_CLASS_LABELS } from './hotspot-colours'

/** Within ±10% of the earlier rate reads as steady: a month of police.uk data moves more than that by chance. */
const STEADY_BAND = 0.1

export type TrendDirection = 'up' | 'down' | 'steady' | 'unknown'

/**
 * Recent months' rate against the earlier months' rate. Nothing earlier but something now is up; a period too short
 * to have earlier months has no trend.
 */
export function trendDirection(trend: LocationTrend): TrendDirection {
  if (trend.earlierMean === null) return 'unknown'
  if (trend.earlierMean === 0) return trend.recentMean > 0 ? 'up' : 'steady'
  const ratio = trend.recentMean / trend.earlierMean
  if (ratio >= 1 + STEADY_BAND) return 'up'
  if (ratio <= 1 - STEADY_BAND) return 'down'
  return 'steady'
}

export const TREND_ARROWS: Readonly<Record<TrendDirection, string>> = { up: '▲', down: '▼', steady: '▶', unknown: '–' }
export const TREND_WORDS: Readonly<Record<TrendDirection, string>> = {
  up: 'rising',
  down: 'falling',
  steady: 'steady',
  unknown: 'no trend: no earlier months',
}

/** A rate per month, to one decimal place below ten and whole above: "3.3", "297". */
export function formatRate(value: number): string {
  if (!Number.isFinite(value)) return '–'
  return Math.abs(value) < 10 ? value.toLocaleString('en-GB', { maximumFractionDigits: 1 }) : formatCount(Math.round(value))
}

/** "10%", "0.5%" (shares under 1% keep a decimal so they do not read as nothing). */
export function formatShare(share: number | null): string {
  if (share === null || !Number.isFinite(share)) return '–'
  const percent = share * 100
  return `${percent > 0 && percent < 1 ? percent.toFixed(1) : Math.round(percent)}%`
}

function monthsWord(count: number): string {
  return count === 1 ? 'month' : `${count} months`
}

/** "+55%", "−8%": the recent rate against the earlier one; null where nothing happened earlier. */
export function formatChangeRatio(ratio: number | null): string | null {
  if (ratio === null || !Number.isFinite(ratio)) return null
  const percent = Math.round((ratio - 1) * 100)
  return `${percent >= 0 ? '+' : '−'}${Math.abs(percent)}%`
}

/**
 * The rates the arrow compares, in words: "last 3 months: 297 a month; 192 a month in the 3 months before (+55%)".
 * `noun` says what is counted ("incidents", "harm").
 */
export function trendSummary(trend: LocationTrend, noun = ''): string {
  const what = noun ? ` ${noun}` : ''
  const recent = `last ${monthsWord(trend.recentPeriods)}: ${formatRate(trend.recentMean)}${what} a month`
  if (trend.earlierMean === null) return `${recent}; no earlier months to compare with`
  const change = formatChangeRatio(trend.ratio)
  return `${recent}; ${formatRate(trend.earlierMean)} a month in the ${monthsWord(trend.earlierPeriods)} before${change ? ` (${change})` : ''}`
}

/** "1,465 incidents here in Jan 2024 – Jun 2024, 244 a month": the location's own count (never its ward's), in words. */
export function locationCountSummary(location: Pick<ProblemLocation, 'incidents' | 'components'>, period: { from: string; to: string }): string {
  const months = location.components.months.length
  const count = `${formatCount(location.incidents)} ${location.incidents === 1 ? 'incident' : 'incidents'} here in ${describeHotspotPeriod(period)}`
  return months > 1 ? `${count}, ${formatRate(location.incidents / months)} a month` : count
}

/** "busiest point: On or near High Street (48)": the police.uk map point most of its incidents share. */
export function busiestPointSummary(busiest: ProblemLocation['components']['busiestPoint']): string {
  return `busiest point: ${busiest.place ?? 'unnamed'} (${formatCount(busiest.incidents)})`
}

export interface MonthContribution {
  month: string
  /** The month's incidents or harm, as the analysis measured. */
  value: number
  /** Months before the last month of the period (the last has age 0). */
  age: number
  /** 0.5^(age / half-life). */
  weight: number
  weighted: number
}

function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1
}

/**
 * The score's components month by month: each month's incidents (or harm) times 0.5^(age / half-life), age counted
 * back from the period's last month (docs/hotspot-methods.md, "Recency weighting"). They add up to the score.
 */
export function scoreContributions(
  months: readonly { month: string; incidents: number; harm: number }[],
  periodTo: string,
  halfLifeMonths: number,
  measure: Measure,
): MonthContribution[] {
  const last = monthIndex(periodTo)
  return months.map((entry) => {
    const { month } = entry
    const value = measuredValue(entry, measure)
    const age = last - monthIndex(month)
    const weight = 0.5 ** (age / halfLifeMonths)
    return { month, value, age, weight, weighted: value * weight }
  })
}

/** One problem location as a flat record: the CSV row and the GeoJSON feature's properties are the same. */
export interface ProblemLocationRecord {
  rank: number
  name: string
  wardCode: string
  ward: string
  incidents: number
  incidentsPerMonth: number
  harm: number
  areaKm2: number
  measure: Measure
  score: number
  halfLifeMonths: number
  recentMonths: number
  recentPerMonth: number
  earlierPerMonth: number | null
  trendDifference: number | null
  trendRatio: number | null
  trend: TrendDirection
  gistarClass: string
  maxZ: number
  meanZ: number
  emerging: string
  busiestPointIncidents: number
  busiestPointShare: number
  busiestPointPlace: string
  centreLon: number
  centreLat: number
  cellCount: number
  cells: string
  from: string
  to: string
  res: number
  k: number
  fdr: boolean
  categories: string
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places
const roundOrNull = (value: number | null, places: number) => (value === null ? null : round(value, places))

export function problemLocationRecord(
  location: ProblemLocation,
  answer: Pick<ProblemLocationsAnswer, 'period' | 'res' | 'k' | 'fdr'>,
  categories: readonly string[],
): ProblemLocationRecord {
  const { components } = location
  const { trend } = components
  return {
    rank: location.rank,
    name: location.name,
    wardCode: location.ward?.code ?? '',
    ward: location.ward?.name ?? '',
    incidents: location.incidents,
    incidentsPerMonth: round(location.incidents / Math.max(1, components.months.length), 2),
    harm: round(location.harm, 2),
    areaKm2: round(location.areaKm2, 4),
    measure: components.measure,
    score: round(location.score, 2),
    halfLifeMonths: components.halfLifeMonths,
    recentMonths: trend.recentPeriods,
    recentPerMonth: round(trend.recentMean, 2),
    earlierPerMonth: roundOrNull(trend.earlierMean, 2),
    trendDifference: roundOrNull(trend.difference, 2),
    trendRatio: roundOrNull(trend.ratio, 3),
    trend: trendDirection(trend),
    gistarClass: HOTSPOT_CLASS_LABELS[components.class] ?? components.class,
    maxZ: round(components.maxZ, 3),
    meanZ: round(components.meanZ, 3),
    emerging: EMERGING_CATEGORY_LABELS[components.emerging],
    busiestPointIncidents: components.busiestPoint.incidents,
    busiestPointShare: round(components.busiestPoint.share, 4),
    busiestPointPlace: components.busiestPoint.place ?? '',
    centreLon: round(location.centre.lon, 6),
    centreLat: round(location.centre.lat, 6),
    cellCount: location.cells.length,
    cells: location.cells.join(' '),
    from: answer.period.from,
    to: answer.period.to,
    res: answer.res,
    k: answer.k,
    fdr: answer.fdr,
    categories: categories.join('; '),
  }
}

/**
 * Column headings, in record order, in the words the list uses: the location's figures are its own, never its
 * ward's (the ward is where most of them are), and the rates say what they compare.
 */
export const CSV_COLUMNS: readonly [keyof ProblemLocationRecord, string][] = [
  ['rank', 'Rank'],
  ['name', 'Name (busiest streets · ward)'],
  ['wardCode', 'Main ward code'],
  ['ward', 'Main ward (where most of its incidents are)'],
  ['incidents', 'Incidents in the location in the period'],
  ['incidentsPerMonth', 'Incidents in the location a month'],
  ['harm', 'Harm in the location in the period'],
  ['areaKm2', 'Area (km²)'],
  ['measure', 'Measure'],
  ['score', 'Score (recency-weighted measure)'],
  ['halfLifeMonths', 'Half-life (months)'],
  ['recentMonths', 'Recent months (the last months of the period)'],
  ['recentPerMonth', 'Measure a month in the recent months'],
  ['earlierPerMonth', 'Measure a month in the months before'],
  ['trendDifference', 'Change a month (recent less before)'],
  ['trendRatio', 'Recent rate / rate before'],
  ['trend', 'Trend'],
  ['gistarClass', 'Gi* class'],
  ['maxZ', 'Max z'],
  ['meanZ', 'Mean z'],
  ['emerging', 'Emerging category'],
  ['busiestPointIncidents', 'Incidents at the busiest map point'],
  ['busiestPointShare', 'Share of the location\u2019s incidents at the busiest map point'],
  ['busiestPointPlace', 'Busiest map point (police.uk place)'],
  ['centreLon', 'Centre longitude'],
  ['centreLat', 'Centre latitude'],
  ['cellCount', 'Cells'],
  ['cells', 'H3 cells'],
  ['from', 'From'],
  ['to', 'To'],
  ['res', 'H3 resolution'],
  ['k', 'Neighbourhood k'],
  ['fdr', 'FDR'],
  ['categories', 'Categories'],
]

function csvValue(value: string | number | boolean | null): string {
  if (value === null) return ''
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  return csvField(value)
}

/**
 * The list as CSV (RFC 4180, CRLF): one row per location in rank order, then one column per month of the period
 * with its incidents (or harm, when that is the measure), so the score can be checked in a spreadsheet.
 */
export function problemLocationsCsv(answer: ProblemLocationsAnswer, categories: readonly string[]): string {
  const months = answer.locations[0]?.components.months.map((entry) => entry.month) ?? []
  const measure = answer.measure
  const header = [...CSV_COLUMNS.map(([, title]) => title), ...months.map((month) => `${measure === 'harm' ? 'Harm' : 'Incidents'} in the location ${month}`)]
  const rows = answer.locations.map((location) => {
    const record = problemLocationRecord(location, answer, categories)
    const byMonth = new Map(location.components.months.map((entry) => [entry.month, round(measuredValue(entry, measure), 2)]))
    return [...CSV_COLUMNS.map(([key]) => csvValue(record[key])), ...months.map((month) => String(byMonth.get(month) ?? 0))]
  })
  return `${[header.map((title) => csvField(title)), ...rows].map((row) => row.join(',')).join('\r\n')}\r\n`
}

export type ProblemLocationFeature = Feature<MultiPolygon, ProblemLocationRecord>

/** The outline of a set of H3 cells as one GeoJSON MultiPolygon ([lon, lat], closed rings). */
export function cellsGeometry(cells: readonly string[]): MultiPolygon {
  return { type: 'MultiPolygon', coordinates: cellsToMultiPolygon([...cells], true) }
}

/** The list as GeoJSON: each location's cells as hexagon polygons (merged), its record as the properties. */
export function problemLocationsGeoJson(
  answer: ProblemLocationsAnswer,
  categories: readonly string[],
): FeatureCollection<MultiPolygon, ProblemLocationRecord> {
  return {
    type: 'FeatureCollection',
    features: answer.locations.map((location) => ({
      type: 'Feature',
      geometry: cellsGeometry(location.cells),
      properties: problemLocationRecord(location, answer, categories),
    })),
  }
}

/** problem-locations-2024-01-to-2024-06-res9.csv */
export function exportFileName(answer: Pick<ProblemLocationsAnswer, 'period' | 'res'>, extension: 'csv' | 'geojson'): string {
  const period = answer.period.from ? `${answer.period.from}-to-${answer.period.to}` : 'no-data'
  return `problem-locations-${period}-res${answer.res}.${extension}`
}

/** "Jan 2024 – Jun 2024" */
export function describeHotspotPeriod(period: { from: string; to: string }): string {
  if (!period.from) return 'no data'
  return period.from === period.to ? formatMonth(period.from) : `${formatMonth(period.from)} – ${formatMonth(period.to)}`
}
