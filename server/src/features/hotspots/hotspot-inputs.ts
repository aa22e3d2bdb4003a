import type pg from 'pg'
import { categoryIds, monthBounds } from '../counts/count-bounds.js'
import { loadQuery } from '../../lib/sql-file.js'
import type { Period } from '../summary/period-in-data.js'
import type { GiStarRequest } from './gistar-analysis.js'
import type { Measure } from './measure.js'
import { monthlyCellValues, readCellMonthColumns, type CellMonthColumns } from './monthly-cell-values.js'
import type { StudyArea } from './study-area.js'

const placeValues = loadQuery(import.meta.url, 'place-values.sql')

export interface PlaceCount {
  locationId: number
  place: string | null
  wardCode: string | null
  wardName: string | null
  /** The map point's position. */
  lon: number
  lat: number
  incidents: number
  harm: number
}

/** What the database gives the problem-location analysis, read on the main thread and sent to an analysis thread. */
export interface HotspotRows {
  cellMonths: CellMonthColumns
  /** Per map point and place name, with the point's cell. */
  places: (PlaceCount & { cell: string })[]
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
export async function readHotspotRows(pool: pg.Pool, request: Pick<GiStarRequest, 'filter' | 'res'>, period: Period): Promise<HotspotRows> {
  const [start, end] = await monthBounds(pool, period.from, period.to)
  const ids = await categoryIds(pool, request.filter[2])
  const [cellMonths, places] = await Promise.all([
    readCellMonthColumns(pool, request, period),
    pool.query({ ...placeValues, values: [start, end, ids, request.filter[3], request.res] }),
  ])
  return {
    cellMonths,
    places: places.rows.map((row) => ({
      cell: row.cell, locationId: row.location_id, place: row.location_text, wardCode: row.ward_code, wardName: row.ward_name, lon: row.lon, lat: row.lat, incidents: row.incidents, harm: row.harm,
    })),
  }
}

/** The rows placed in the study area: months, totals and places per cell; on an analysis thread. */
export function hotspotInputsOf(area: StudyArea, rows: HotspotRows, period: Period, measure: Measure): HotspotInputs {
  const monthly = monthlyCellValues(area, rows.cellMonths, period, measure)
  const totals = new Float64Array(area.cells.length)
  for (const values of monthly.values) for (let cell = 0; cell < totals.length; cell++) totals[cell] += values[cell]
  const placesByCell = new Map<string, PlaceCount[]>()
  for (const place of rows.places) {
    const list = placesByCell.get(place.cell)
    if (list) list.push(place)
    else placesByCell.set(place.cell, [place])
  }
  return { months: monthly.months, monthly: monthly.values, monthlyIncidents: monthly.incidents, monthlyHarm: monthly.harm, totals, placesByCell }
}
