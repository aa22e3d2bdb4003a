import type pg from 'pg'
import { monthBounds } from '../../lib/month-bounds.js'
import { loadQuery } from '../../lib/sql-file.js'
import type { IncidentFilterParams } from '../incidents/incident-filter.js'
import { measured, type Measure } from './measure.js'
import { giStar } from './stats/gistar.js'
import { classifyHotspots, type HotspotClass } from './stats/hotspot-class.js'
import type { StudyArea, StudyAreas } from './study-area.js'

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

export interface CellValue {
  cell: string
  incidents: number
  harm: number
}

/** The filter's incidents and harm per H3 cell of the resolution, wherever the cells are. */
export async function cellValueRows(pool: pg.Pool, request: Pick<GiStarRequest, 'filter' | 'res'>): Promise<CellValue[]> {
  const [from, to, categories, ward] = request.filter
  const [start, end] = await monthBounds(pool, from, to)
  return (await pool.query<CellValue>({ ...cellValues, values: [start, end, categories, ward, request.res] })).rows
}

/** The filter's incidents (or harm) per study-area cell, and how many incidents fell outside every cell of the area. */
export async function studyAreaValues(pool: pg.Pool, area: StudyArea, request: Pick<GiStarRequest, 'filter' | 'res' | 'measure'>): Promise<{ values: Float64Array; outsideArea: number }> {
  return valuesInArea(await cellValueRows(pool, request), area, request.measure)
}

/** Cell rows placed in a study area's order (on the measure), and the incidents of cells outside it. */
export function valuesInArea(rows: readonly CellValue[], area: StudyArea, measure: Measure): { values: Float64Array; outsideArea: number } {
  const values = new Float64Array(area.cells.length)
  let outsideArea = 0
  for (const row of rows) {
    const index = area.indexOf.get(row.cell)
    if (index === undefined) outsideArea += row.incidents
    else values[index] = measured(row, measure)
  }
  return { values, outsideArea }
}

/** Values per study-area cell from SQL, then Gi* over the cells and their gridDisk neighbours. */
export async function runGiStar(pool: pg.Pool, studyAreas: StudyAreas, request: GiStarRequest): Promise<GiStarCells> {
  const area = await studyAreas.get(pool, request.councils, request.res, request.k)
  const { values, outsideArea } = await studyAreaValues(pool, area, request)
  return giStarOn(area, values, request.fdr, outsideArea)
}

/** Gi* and classes for values already counted per study-area cell. */
export function giStarOn(area: StudyArea, values: Float64Array, fdr: boolean, outsideArea = 0): GiStarCells {
  const { z, p } = giStar(values, area.neighbours)
  const { classes, p: pAdjusted } = classifyHotspots(z, p, { fdr: fdr ? 'bh' : 'none' })
  return { area, values, z, p, pAdjusted, classes, outsideArea }
}
