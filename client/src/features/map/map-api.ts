import { queryString } from '../../shared/api'
import type { H3Resolution } from './h3-resolution'

/** The map's API: its answers' shapes are the server's (server/src/features/{health,summary,wards,hexes}/schemas.ts), and the request URLs. */

export const configUrl = '/api/config'

export type { ClientConfig } from '../../../../server/src/features/health/schemas'
export type { Summary } from '../../../../server/src/features/summary/schemas'
export type { WardCollection, WardFeature, WardProperties } from '../../../../server/src/features/wards/schemas'
export type { HexCell } from '../../../../server/src/features/hexes/schemas'

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

/** The hexagons for the filters, or, given `week` (a Monday), for that UK week's timed incidents instead of the months. */
export function hexesUrl(res: H3Resolution, filters: DataFilters, week: string | null = null): string {
  return `/api/hexes${queryString([
    ['res', String(res)],
    ['from', week ? null : filters.from],
    ['to', week ? null : filters.to],
    ['categories', categoriesParam(filters.categories)],
    ['ward', filters.ward],
    ['week', week],
  ])}`
}

/** The whole UK weeks of the filters' timed incidents, which playback can step through week by week. */
export function hexWeeksUrl(filters: DataFilters): string {
  return `/api/hexes/weeks${queryString([
    ['from', filters.from],
    ['to', filters.to],
    ['categories', categoriesParam(filters.categories)],
    ['ward', filters.ward],
  ])}`
}
export type { HexWeeks } from '../../../../server/src/features/hexes/schemas'
