import type pg from 'pg'
import { londonMonthOfEpoch, monthsOf } from '../../lib/months.js'
import { loadQuery } from '../../lib/sql-file.js'
import { measured } from './measure.js'
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
  harm: number
}

export interface HotspotInputs {
  months: string[]
  /** `monthly[month][cell]`: the request's measure (incidents or harm) per study-area cell and month, oldest first. */
  monthly: Float64Array[]
  /** The same for incidents and for harm, whichever the measure. */
  monthlyIncidents: Float64Array[]
  monthlyHarm: Float64Array[]
  /** Per study-area cell: the measure over the whole period. */
  totals: Float64Array
  /** Per cell (hex string): the map points in it with their place names and counts. */
  placesByCell: Map<string, PlaceCount[]>
}

/** One pass over the counted incidents (point_month_counts) of the filter and period gives the cell × month counts and the per-place counts. */
export async function loadHotspotInputs(
  pool: pg.Pool,
  area: StudyArea,
  request: GiStarRequest,
  period: { from: string; to: string },
): Promise<HotspotInputs> {
  const months = monthsOf(period.from, period.to)
  const monthIndex = new Map(months.map((month, index) => [month, index]))
  const monthlyIncidents = months.map(() => new Float64Array(area.cells.length))
  const monthlyHarm = months.map(() => new Float64Array(area.cells.length))
  const monthly = request.measure === 'harm' ? monthlyHarm : monthlyIncidents
  const totals = new Float64Array(area.cells.length)
  const [rows, locations] = await Promise.all([
    pool.query({ ...hotspotInputs, values: [period.from, period.to, request.filter[2], request.filter[3], request.res] }),
    pool.query({ ...locationCells, values: [request.res] }),
  ])
  const locationById = new Map(locations.rows.map((row) => [row.location_id as number, row]))
  const placesByCell = new Map<string, PlaceCount[]>()
  const monthOf = londonMonthOfEpoch()
  for (const row of rows.rows) {
    if (row.kind === 'cell') {
      const cell = area.indexOf.get(row.cell)
      const month = monthIndex.get(monthOf(row.start_epoch))
      if (cell === undefined || month === undefined) continue
      monthlyIncidents[month][cell] += row.incidents
      monthlyHarm[month][cell] += row.harm
      totals[cell] += measured(row, request.measure)
    } else {
      const location = locationById.get(row.location_id)
      if (!location) continue
      const place = { locationId: row.location_id, place: row.location_text, wardCode: location.ward_code, wardName: location.ward_name, incidents: row.incidents, harm: row.harm }
      const list = placesByCell.get(location.cell)
      if (list) list.push(place)
      else placesByCell.set(location.cell, [place])
    }
  }
  return { months, monthly, monthlyIncidents, monthlyHarm, totals, placesByCell }
}
