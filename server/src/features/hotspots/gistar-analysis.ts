import type pg from 'pg'
import { categoryIds, monthBounds } from '../counts/count-bounds.js'
import { loadQuery } from '../../lib/sql-file.js'
import type { IncidentFilterParams } from '../incidents/incident-filter.js'
import type { Measure } from './measure.js'
import { giStar } from './stats/gistar.js'
import type { HotspotClass } from './hotspot-classes.js'
import { classifyHotspots } from './stats/hotspot-class.js'
import type { StudyArea } from './study-area.js'

const cellValues = loadQuery(import.meta.url, 'cell-values.sql')

export interface GiStarRequest {
  filter: IncidentFilterParams
  councils: string[] | null
  res: number
  k: number
  fdr: boolean
  measure: Measure
}

export interface GiStarCells {
  area: StudyArea
  values: Float64Array
  z: Float64Array
  p: Float64Array
  /** The p each class was decided on: BH-adjusted when FDR correction is on, else equal to p. */
  pAdjusted: Float64Array
  classes: HotspotClass[]
  /** Incidents matching the filter that fall in no cell of the study area (outside the chosen councils). */
  outsideArea: number
}

/** cell-values.sql's rows as columns, to send to an analysis thread. */
export interface CellColumns {
  /** The cells' hex ids joined by commas (see CellMonthColumns). */
  cells: string
  incidents: Float64Array
  harm: Float64Array
}

/** The filter's incidents and harm per H3 cell of the resolution, wherever the cells are; read on the main thread. */
export async function readCellColumns(pool: pg.Pool, request: Pick<GiStarRequest, 'filter' | 'res'>): Promise<CellColumns> {
  const [from, to, categories, ward] = request.filter
  const [start, end] = await monthBounds(pool, from, to)
  const { rows } = await pool.query<[string, number, number]>({ ...cellValues, values: [start, end, await categoryIds(pool, categories), ward, request.res], rowMode: 'array' })
  const cells = new Array<string>(rows.length)
  const columns = { incidents: new Float64Array(rows.length), harm: new Float64Array(rows.length) }
  rows.forEach(([cell, incidents, harm], index) => {
    cells[index] = cell
    columns.incidents[index] = incidents
    columns.harm[index] = harm
  })
  return { cells: cells.join(','), ...columns }
}

/** Cell rows placed in a study area's order (on the measure), and the incidents of cells outside it. */
export function valuesInArea(rows: CellColumns, area: StudyArea, measure: Measure): { values: Float64Array; outsideArea: number } {
  const values = new Float64Array(area.cells.length)
  let outsideArea = 0
  const cells = rows.cells === '' ? [] : rows.cells.split(',')
  for (let row = 0; row < cells.length; row++) {
    const index = area.indexOf.get(cells[row])
    if (index === undefined) outsideArea += rows.incidents[row]
    else values[index] = measure === 'harm' ? rows.harm[row] : rows.incidents[row]
  }
  return { values, outsideArea }
}

/** Gi* and classes for values already counted per study-area cell. */
export function giStarOn(area: StudyArea, values: Float64Array, fdr: boolean, outsideArea = 0): GiStarCells {
  const { z, p } = giStar(values, area.neighbours)
  const { classes, p: pAdjusted } = classifyHotspots(z, p, { fdr: fdr ? 'bh' : 'none' })
  return { area, values, z, p, pAdjusted, classes, outsideArea }
}
