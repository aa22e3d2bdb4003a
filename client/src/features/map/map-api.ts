import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import { queryString } from '../../shared/api'
import type { H3Resolution } from './h3-resolution'

/** The map's API (server/src/features/{summary,wards,hexes}): its answers' shapes and the request URLs. */

export const configUrl = '/api/config'

export interface ClientConfig {
  basemapStyleUrl: string | null
  attribution: string
}

export interface Summary {
  total: number
  outsideArea: number
  /** Incidents police.uk gives no location: in the total, on no map or hotspot analysis. */
  withoutLocation: number
  /** Span of the whole data set, independent of the filters. */
  period: { from: string; to: string } | null
  /** Counts apply every filter except categories, so the list always shows every category. */
  categories: { category: string; count: number }[]
  months: { month: string; count: number }[]
}

export interface WardProperties {
  code: string
  name: string
  councilCode: string
  councilName: string
  count: number
  label_lon: number
  label_lat: number
}

export type WardFeature = Feature<Polygon | MultiPolygon, WardProperties>
export type WardCollection = FeatureCollection<Polygon | MultiPolygon, WardProperties>

export interface HexCell {
  h3: string
  count: number
}

export interface DataFilters {
  categories: readonly string[]
  from: string | null
  to: string | null
  ward: string | null
}

/** Server contract: comma-separated exact names; police.uk names contain no commas, so no escaping scheme is needed. */
function categoriesParam(categories: readonly string[]): string | null {
  return categories.length > 0 ? categories.join(',') : null
}

export function summaryUrl(filters: DataFilters): string {
  return `/api/summary${queryString([
    ['from', filters.from],
    ['to', filters.to],
    ['categories', categoriesParam(filters.categories)],
    ['ward', filters.ward],
  ])}`
}

/** Ward counts ignore the ward filter so every ward's tooltip stays meaningful while one is selected. */
export function wardsUrl(filters: Omit<DataFilters, 'ward'>): string {
  return `/api/wards${queryString([
    ['from', filters.from],
    ['to', filters.to],
    ['categories', categoriesParam(filters.categories)],
  ])}`
}

export function hexesUrl(res: H3Resolution, filters: DataFilters): string {
  return `/api/hexes${queryString([
    ['res', String(res)],
    ['from', filters.from],
    ['to', filters.to],
    ['categories', categoriesParam(filters.categories)],
    ['ward', filters.ward],
  ])}`
}
