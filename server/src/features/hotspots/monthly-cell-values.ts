import type pg from 'pg'
import { londonMonthOfEpoch, monthsOf } from '../../lib/months.js'
import { categoryIds, monthBounds } from '../counts/count-bounds.js'
import { loadQuery } from '../../lib/sql-file.js'
import type { Period } from '../summary/period-in-data.js'
import type { GiStarRequest } from './gistar-analysis.js'
import type { Measure } from './measure.js'
import type { StudyArea } from './study-area.js'

const cellMonthValues = loadQuery(import.meta.url, 'cell-month-values.sql')

/** cell-month-values.sql's rows as columns: sent to an analysis thread as a few arrays rather than one object per row. */
export interface CellMonthColumns {
  /** The cells' hex ids joined by commas: one string crosses to a thread in one copy, tens of thousands take a clone each. */
  cells: string
  /** Period starts, epoch seconds. */
  starts: Float64Array
  incidents: Float64Array
  harm: Float64Array
}

export interface MonthlyCellValues {
  months: string[]
  /** `values[month][cell]`: the request's measure (incidents or harm) per study-area cell and month, oldest first. */
  values: Float64Array[]
  /** The same for incidents and for harm, whichever the measure. */
  incidents: Float64Array[]
  harm: Float64Array[]
}

/** The filter's incidents and harm per H3 cell (wherever it is) and period start, read on the main thread. */
export async function readCellMonthColumns(pool: pg.Pool, request: Pick<GiStarRequest, 'filter' | 'res'>, period: Period): Promise<CellMonthColumns> {
  const [start, end] = await monthBounds(pool, period.from, period.to)
  // Rows as arrays: tens of thousands of them, and an object per row was a good part of the time spent reading them.
  const { rows } = await pool.query<[string, number, number, number]>({
    ...cellMonthValues,
    values: [start, end, await categoryIds(pool, request.filter[2]), request.filter[3], request.res],
    rowMode: 'array',
  })
  const cells = new Array<string>(rows.length)
  const columns = { starts: new Float64Array(rows.length), incidents: new Float64Array(rows.length), harm: new Float64Array(rows.length) }
  rows.forEach(([cell, startEpoch, incidents, harm], index) => {
    cells[index] = cell
    columns.starts[index] = startEpoch
    columns.incidents[index] = incidents
    columns.harm[index] = harm
  })
  return { cells: cells.join(','), ...columns }
}

/** The counts placed per study-area cell, month by month (cells outside the area left out); on an analysis thread. */
export function monthlyCellValues(area: StudyArea, rows: CellMonthColumns, period: Period, measure: Measure): MonthlyCellValues {
  const months = monthsOf(period.from, period.to)
  const monthIndex = new Map(months.map((month, index) => [month, index]))
  const incidents = months.map(() => new Float64Array(area.cells.length))
  const harm = months.map(() => new Float64Array(area.cells.length))
  const monthOf = londonMonthOfEpoch()
  const cells = rows.cells === '' ? [] : rows.cells.split(',')
  for (let row = 0; row < cells.length; row++) {
    const cell = area.indexOf.get(cells[row])
    const month = monthIndex.get(monthOf(rows.starts[row]))
    if (cell === undefined || month === undefined) continue
    incidents[month][cell] += rows.incidents[row]
    harm[month][cell] += rows.harm[row]
  }
  return { months, values: measure === 'harm' ? harm : incidents, incidents, harm }
}
