import type pg from 'pg'
import { monthsOf } from '../../lib/months.js'
import { loadQuery } from '../../lib/sql-file.js'
import type { GiStarRequest } from './gistar-analysis.js'
import type { StudyArea } from './study-area.js'

const hotspotInputs = loadQuery(import.meta.url, 'hotspot-inputs.sql')
const locationCells = loadQuery(import.meta.url, 'location-cells.sql')

export interface PlaceCount {
  locationId: number
  place: string | null
  wardCode: string | null
  wardName: string | null
  incidents: number
}

export interface HotspotInputs {
  months: string[]
  /** `monthly[month][cell]`: incidents per study-area cell and month, oldest month first. */
  monthly: Float64Array[]
  /** Per study-area cell: incidents over the whole period. */
  totals: Float64Array
  /** Per cell (hex string): the map points in it with their place names and counts. */
  placesByCell: Map<string, PlaceCount[]>
}

/** One pass over the incidents of the filter and period gives the cell × month counts and the per-place counts. */
export async function loadHotspotInputs(
  pool: pg.Pool,
  area: StudyArea,
  request: GiStarRequest,
  period: { from: string; to: string },
): Promise<HotspotInputs> {
  const months = monthsOf(period.from, period.to)
  const monthIndex = new Map(months.map((month, index) => [month, index]))
  const monthly = months.map(() => new Float64Array(area.cells.length))
  const totals = new Float64Array(area.cells.length)
  const [rows, locations] = await Promise.all([
    pool.query({ ...hotspotInputs, values: [period.from, period.to, request.filter[2], request.filter[3], request.res] }),
    pool.query({ ...locationCells, values: [request.res] }),
  ])
  const locationById = new Map(locations.rows.map((row) => [row.location_id as number, row]))
  const placesByCell = new Map<string, PlaceCount[]>()
  for (const row of rows.rows) {
    if (row.kind === 'cell') {
      const cell = area.indexOf.get(row.cell)
      const month = monthIndex.get(row.month)
      if (cell === undefined || month === undefined) continue
      monthly[month][cell] += row.incidents
      totals[cell] += row.incidents
    } else {
      const location = locationById.get(row.location_id)
      if (!location) continue
      const place = { locationId: row.location_id, place: row.location_text, wardCode: location.ward_code, wardName: location.ward_name, incidents: row.incidents }
      const list = placesByCell.get(location.cell)
      if (list) list.push(place)
      else placesByCell.set(location.cell, [place])
    }
  }
  return { months, monthly, totals, placesByCell }
}
