/**
 * The hotspot analysis API (server/src/features/hotspots/routes.ts; served as OpenAPI at /docs/json): the answers'
 * shapes and the request URLs. Requests go through `fetchJson` in ../api like every other request.
 */
import { type DataFilters } from '../map/map-api'
import { queryString } from '../../shared/api'
import type { Measure } from './hotspot-url'

export const HOTSPOT_CLASSES = ['hot-99', 'hot-95', 'hot-90', 'not-significant', 'cold-90', 'cold-95', 'cold-99'] as const
export type HotspotClass = (typeof HOTSPOT_CLASSES)[number]

export const EMERGING_CATEGORIES = [
  'new-hot',
  'consecutive-hot',
  'intensifying-hot',
  'persistent-hot',
  'diminishing-hot',
  'sporadic-hot',
  'oscillating-hot',
  'historical-hot',
  'new-cold',
  'consecutive-cold',
  'intensifying-cold',
  'persistent-cold',
  'diminishing-cold',
  'sporadic-cold',
  'oscillating-cold',
  'historical-cold',
  'none',
] as const
export type EmergingCategory = (typeof EMERGING_CATEGORIES)[number]

export interface Period {
  from: string
  to: string
}

export interface GiStarCell {
  h3: string
  value: number
  z: number
  /** Two-sided p-value. */
  p: number
  /** The p the class is decided on: BH-adjusted when FDR is on, else the raw p. */
  pAdjusted: number
  class: HotspotClass
}

export interface GiStarAnswer {
  res: number
  k: number
  fdr: boolean
  councils: string[]
  measure: Measure
  totalValue: number
  outsideArea: number
  classCounts: Record<string, number>
  cells: GiStarCell[]
}

export interface EmergingCell {
  h3: string
  category: EmergingCategory
  hotMonths: number
  coldMonths: number
  finalRun: number
  trend: { z: number; p: number; direction: string }
}

export interface EmergingAnswer {
  period: Period
  months: number
  res: number
  k: number
  fdr: boolean
  measure: Measure
  cellCount: number
  categoryCounts: Record<string, number>
  /** Only cells with a pattern; the rest of the study area has none. */
  cells: EmergingCell[]
}

export interface LocationTrend {
  recentPeriods: number
  earlierPeriods: number
  recentMean: number
  earlierMean: number | null
  difference: number | null
  ratio: number | null
}

export interface ProblemLocation {
  rank: number
  name: string
  ward: { code: string; name: string } | null
  cells: string[]
  centre: { lon: number; lat: number }
  incidents: number
  /** The sum of its incidents' harm weights. */
  harm: number
  /** The recency-weighted measure. */
  score: number
  components: {
    measure: Measure
    recencyWeighted: number
    halfLifeMonths: number
    trend: LocationTrend
    maxZ: number
    meanZ: number
    class: HotspotClass
    emerging: EmergingCategory
    busiestPoint: { incidents: number; share: number; place: string | null }
    months: { month: string; incidents: number; harm: number }[]
  }
}

export interface ProblemLocationsAnswer {
  period: Period
  res: number
  k: number
  fdr: boolean
  halfLifeMonths: number
  recentMonths: number
  measure: Measure
  /** Problem locations found, before the limit. */
  total: number
  caveats: string[]
  locations: ProblemLocation[]
}

export interface ConcentrationArea {
  code: string
  name: string
  cells: number
  total: number
  top: { cellShare: number; cells: number; valueShare: number }[]
  curve: { cellShare: number; valueShare: number }[]
}

export interface ConcentrationAnswer {
  period: Period
  res: number
  measure: Measure
  areas: ConcentrationArea[]
}

export interface ForecastMonth {
  month: string
  cells: number
  areaShare: number
  captured: number
  total: number
  hitRate: number | null
  pai: number | null
  pei: number | null
}

export interface ForecastAnswer {
  period: Period
  res: number
  lookback: number
  top: number
  measure: Measure
  months: ForecastMonth[]
}

export interface TopWard {
  rank: number
  code: string
  name: string
  councilName: string
  incidents: number
  /** Incidents in the previous period. */
  previous: number
  harm: number
  previousHarm: number
  /** On the measure: now less before, and now / before (null when before is 0). */
  change: number
  changeRatio: number | null
}

export interface TopWardsAnswer {
  period: Period
  previousPeriod: Period
  measure: Measure
  wards: TopWard[]
}

/** What every hotspot request is asked with, besides the shared incident filters. */
export interface HotspotParams {
  res: number
  k: number
  /** Council (LAD) codes; null for every council. */
  councils: readonly string[] | null
  fdr: boolean
  halfLife: number
  measure: Measure
}

function categoriesParam(categories: readonly string[]): string | null {
  return categories.length > 0 ? categories.join(',') : null
}

function councilsParam(councils: readonly string[] | null): string | null {
  return councils && councils.length > 0 ? [...councils].sort().join(',') : null
}

/** The shared part: resolution, councils and the incident filters. Every URL below starts with these. */
function baseEntries(params: HotspotParams, filters: DataFilters): [string, string | null][] {
  return [
    ['res', String(params.res)],
    ['lad', councilsParam(params.councils)],
    ['categories', categoriesParam(filters.categories)],
    ['from', filters.from],
    ['to', filters.to],
    ['ward', filters.ward],
    // Left out for counts, the server's default, so count URLs read as they always have.
    ['measure', params.measure === 'harm' ? 'harm' : null],
  ]
}

function significanceEntries(params: HotspotParams): [string, string][] {
  return [
    ['k', String(params.k)],
    ['fdr', String(params.fdr)],
  ]
}

export function gistarUrl(params: HotspotParams, filters: DataFilters): string {
  return `/api/hotspots/gistar${queryString([...baseEntries(params, filters), ...significanceEntries(params)])}`
}

export function emergingUrl(params: HotspotParams, filters: DataFilters): string {
  return `/api/hotspots/emerging${queryString([...baseEntries(params, filters), ...significanceEntries(params)])}`
}

export function problemLocationsUrl(params: HotspotParams, filters: DataFilters, limit: number): string {
  return `/api/hotspots/problem-locations${queryString([
    ...baseEntries(params, filters),
    ...significanceEntries(params),
    ['halfLife', String(params.halfLife)],
    ['limit', String(limit)],
  ])}`
}

/** Concentration does not depend on the neighbourhood or FDR, so changing those does not ask again. */
export function concentrationUrl(params: HotspotParams, filters: DataFilters): string {
  return `/api/hotspots/concentration${queryString(baseEntries(params, filters))}`
}

export const FORECAST_LOOKBACK_MONTHS = 3
export const FORECAST_TOP_SHARE = 0.05

export function forecastAccuracyUrl(params: HotspotParams, filters: DataFilters): string {
  return `/api/hotspots/forecast-accuracy${queryString([
    ...baseEntries(params, filters),
    ['lookback', String(FORECAST_LOOKBACK_MONTHS)],
    ['top', String(FORECAST_TOP_SHARE)],
  ])}`
}

export const TOP_WARDS_LIMIT = 5

/** Ward ranking takes no ward filter (it ranks wards) and no resolution. */
export function topWardsUrl(params: HotspotParams, filters: DataFilters): string {
  return `/api/hotspots/top-wards${queryString([
    ['from', filters.from],
    ['to', filters.to],
    ['categories', categoriesParam(filters.categories)],
    ['lad', councilsParam(params.councils)],
    ['measure', params.measure === 'harm' ? 'harm' : null],
    ['limit', String(TOP_WARDS_LIMIT)],
  ])}`
}
