import { queryString } from '../../shared/api'
import type { DataFilters } from '../map/map-api'

/** The hex detail API: the answers' shapes are the server's (server/src/features/{hexes,incidents}/schemas.ts). */
export type { HexDetail } from '../../../../server/src/features/hexes/schemas'
export type { IncidentPage } from '../../../../server/src/features/incidents/schemas'

type PeriodFilters = Pick<DataFilters, 'from' | 'to' | 'categories'>

function categoriesParam(categories: readonly string[]): string | null {
  return categories.length > 0 ? categories.join(',') : null
}

/** What is behind one cell over the map's period and categories (its own wards: the map's ward filter does not apply). */
export function hexDetailUrl(cell: string, filters: PeriodFilters): string {
  return `/api/hexes/${cell}/detail${queryString([
    ['from', filters.from],
    ['to', filters.to],
    ['categories', categoriesParam(filters.categories)],
  ])}`
}

/** One page of the cell's incidents, in id order; `cursor` is the previous page's nextCursor. */
export function cellIncidentsUrl(cell: string, filters: PeriodFilters, limit: number, cursor: string | null = null): string {
  return `/api/incidents${queryString([
    ['cell', cell],
    ['from', filters.from],
    ['to', filters.to],
    ['categories', categoriesParam(filters.categories)],
    ['limit', String(limit)],
    ['cursor', cursor],
  ])}`
}
