import type pg from 'pg'
import { monthBounds } from '../../lib/month-bounds.js'
import { loadQuery } from '../../lib/sql-file.js'
import { monthlyCellValues } from './monthly-cell-values.js'
import type { GiStarRequest } from './gistar-analysis.js'
import type { StudyArea } from './study-area.js'

const placeValues = loadQuery(import.meta.url, 'place-values.sql')

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

/**
 * What the problem-location analysis reads: the cell × month counts (Gi* on their totals, emerging on the months) and
 * the per-place counts (names and descriptions). Separate queries, run at once on two connections: together they took
 * longer than the two side by side.
 */
export async function loadHotspotInputs(
  pool: pg.Pool,
  area: StudyArea,
  request: GiStarRequest,
  period: { from: string; to: string },
): Promise<HotspotInputs> {
  const [start, end] = await monthBounds(pool, period.from, period.to)
  const [monthly, places] = await Promise.all([
    monthlyCellValues(pool, area, request, period),
    pool.query({ ...placeValues, values: [start, end, request.filter[2], request.filter[3], request.res] }),
  ])
  const totals = new Float64Array(area.cells.length)
  for (const values of monthly.values) for (let cell = 0; cell < totals.length; cell++) totals[cell] += values[cell]
  const placesByCell = new Map<string, PlaceCount[]>()
  for (const row of places.rows) {
    const place = { locationId: row.location_id, place: row.location_text, wardCode: row.ward_code, wardName: row.ward_name, incidents: row.incidents, harm: row.harm }
    const list = placesByCell.get(row.cell)
    if (list) list.push(place)
    else placesByCell.set(row.cell, [place])
  }
  return { months: monthly.months, monthly: monthly.values, monthlyIncidents: monthly.incidents, monthlyHarm: monthly.harm, totals, placesByCell }
}
