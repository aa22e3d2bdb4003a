/**
 * The hotspot analysis API: the answers' shapes are the server's own (server/src/features/hotspots/schemas.ts,
 * imported as types only), and the request URLs. Requests go through `fetchJson` in ../api like every other request.
 */
import { type DataFilters } from '../map/map-api'
import { queryString } from '../../shared/api'
import type { Measure, Slices } from './hotspot-url'

export { EMERGING_CATEGORIES, HOTSPOT_CLASSES, type EmergingCategory, type HotspotClass } from '../../../../server/src/features/hotspots/hotspot-classes'
export type {
  ConcentrationAnswer,
  ConcentrationArea,
  EmergingAnswer,
  EmergingCell,
  ForecastAnswer,
  ForecastMonth,
  GiStarAnswer,
  GiStarCell,
  LocationTrend,
  ProblemLocation,
  ProblemLocationsAnswer,
  TopWard,
  TopWardsAnswer,
} from '../../../../server/src/features/hotspots/schemas'
export type { Period } from '../../../../server/src/lib/calendar-schemas'

/** What every hotspot request is asked with, besides the shared incident filters. */
export interface HotspotParams {
  res: number
  k: number
  /** Council (LAD) codes; null for every council. */
  councils: readonly string[] | null
  fdr: boolean
  halfLife: number
  measure: Measure
  /** Emerging hot spots' slices (months unless asked). */
  slices?: Slices
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
  return `/api/hotspots/emerging${queryString([...baseEntries(params, filters), ...significanceEntries(params), ['slices', params.slices === 'week' ? 'week' : null]])}`
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
