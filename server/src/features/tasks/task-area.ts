import { cellsToMultiPolygon, getResolution, isValidCell } from 'h3-js'
import { badRequest } from '../../lib/errors.js'
import type { AreaInput, AreaPolygon } from './schemas.js'

export const AREA_SOURCES = ['problem-location', 'cells', 'polygon', 'ward'] as const
export type AreaSource = (typeof AREA_SOURCES)[number]

export { MAX_AREA_CELLS, MAX_AREA_KM2, MAX_POLYGON_POSITIONS } from './area-limits.js'

/** A task area ready for the database: GeoJSON to store (null for a ward, whose own outline is stored) and its origin. */
export interface AreaSpec {
  source: AreaSource
  geojson: string | null
  cells: string[] | null
  res: number | null
  ward: string | null
}

function onlyFields(area: AreaInput, allowed: (keyof AreaInput)[]): void {
  for (const key of Object.keys(area) as (keyof AreaInput)[]) {
    if (key !== 'source' && !allowed.includes(key)) throw badRequest(`area.${key}`, `is not part of an area made from ${area.source}`)
  }
}

/**
 * Checks an area as sent and turns cells into their outline (h3-js: no H3 extension runs in PostgreSQL). The
 * database checks the rest: a valid polygon, inside the wards held, not too large (task-store.ts).
 */
export function areaSpec(area: AreaInput): AreaSpec {
  if (area.source === 'cells' || area.source === 'problem-location') {
    onlyFields(area, ['cells', 'res'])
    if (area.res === undefined) throw badRequest('area.res', 'is required for an area made from cells')
    if (area.cells === undefined) throw badRequest('area.cells', 'is required for an area made from cells')
    const cells = [...new Set(area.cells)].sort()
    for (const cell of cells) {
      if (!isValidCell(cell)) throw badRequest('area.cells', `${cell} is not an H3 cell`)
      if (getResolution(cell) !== area.res) throw badRequest('area.cells', `${cell} is at resolution ${getResolution(cell)}, not ${area.res}`)
    }
    const coordinates = cellsToMultiPolygon(cells, true)
    return { source: area.source, geojson: JSON.stringify({ type: 'MultiPolygon', coordinates }), cells, res: area.res, ward: null }
  }
  if (area.source === 'polygon') {
    onlyFields(area, ['polygon'])
    if (area.polygon === undefined) throw badRequest('area.polygon', 'is required for a drawn area')
    return { source: 'polygon', geojson: JSON.stringify(withoutHeights(area.polygon)), cells: null, res: null, ward: null }
  }
  onlyFields(area, ['ward'])
  if (area.ward === undefined) throw badRequest('area.ward', 'is required for a ward area')
  return { source: 'ward', geojson: null, cells: null, res: null, ward: area.ward }
}

/** Positions as longitude and latitude only: a drawing tool's heights would make the stored shape 3-D. */
function withoutHeights(polygon: AreaPolygon): AreaPolygon {
  const flat = (ring: number[][]) => ring.map(([lon, lat]) => [lon, lat])
  if (polygon.type === 'Polygon') return { type: 'Polygon', coordinates: polygon.coordinates.map(flat) }
  return { type: 'MultiPolygon', coordinates: polygon.coordinates.map((rings) => rings.map(flat)) }
}
