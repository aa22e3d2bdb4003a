import type pg from 'pg'
import { categoryIds, monthBounds } from '../counts/count-bounds.js'
import { epochDay, isoDay, readTimedWeeks } from '../counts/timed-weeks.js'
import { loadQuery } from '../../lib/sql-file.js'
import type { Period } from '../summary/period-in-data.js'
import type { GiStarRequest } from './gistar-analysis.js'
import type { Measure } from './measure.js'
import type { CellMonthColumns } from './monthly-cell-values.js'
import type { StudyArea } from './study-area.js'

const cellWeekValues = loadQuery(import.meta.url, 'cell-week-values.sql')

/** Weekly slices for emerging hot spots (issue 15): whole UK weeks, Monday to Sunday, where the data has days. */
export interface WeeklySlices {
  /** The Mondays (YYYY-MM-DD) of the weeks analysed, oldest first; empty when the filter holds no timed incidents. */
  weeks: string[]
  /** The filter's incidents outside them: known to the month only (police.uk's), or in a part-week at either end. */
  leftOut: number
  /** Per cell and week, as cell-week-values.sql gives them: `starts` holds each row's Monday in epoch days. */
  rows: CellMonthColumns
}

/** The filter's incidents per H3 cell and whole week of the timed data in the period, with what was left out. */
export async function readCellWeekColumns(pool: pg.Pool, request: Pick<GiStarRequest, 'filter' | 'res'>, period: Period): Promise<WeeklySlices> {
  const [start, end] = await monthBounds(pool, period.from, period.to)
  const categories = await categoryIds(pool, request.filter[2])
  const ward = request.filter[3]
  const { weeks, timed, monthOnly } = await readTimedWeeks(pool, [start, end, categories, ward], period)
  if (weeks.length === 0) return { weeks, leftOut: timed + monthOnly, rows: { cells: '', starts: new Float64Array(0), incidents: new Float64Array(0), harm: new Float64Array(0) } }
  const lastSunday = isoDay(epochDay(weeks[weeks.length - 1]) + 6)
  const { rows } = await pool.query<[string, number, number, number]>({
    ...cellWeekValues,
    values: [start, end, categories, ward, request.res, weeks[0], lastSunday],
    rowMode: 'array',
  })
  const columns = { starts: new Float64Array(rows.length), incidents: new Float64Array(rows.length), harm: new Float64Array(rows.length) }
  let counted = 0
  rows.forEach(([, monday, incidents, harm], index) => {
    columns.starts[index] = monday
    columns.incidents[index] = incidents
    columns.harm[index] = harm
    counted += incidents
  })
  // Rows without a map point are in the span's count but in no cell: left out as well.
  return { weeks, leftOut: timed + monthOnly - counted, rows: { cells: rows.map(([cell]) => cell).join(','), ...columns } }
}

/** The counts placed per study-area cell, week by week (cells outside the area left out); on an analysis thread. */
export function weeklyCellValues(area: StudyArea, weeks: string[], rows: CellMonthColumns, measure: Measure): Float64Array[] {
  const weekIndex = new Map(weeks.map((monday, index) => [epochDay(monday), index]))
  const values = weeks.map(() => new Float64Array(area.cells.length))
  const measured = measure === 'harm' ? rows.harm : rows.incidents
  const cells = rows.cells === '' ? [] : rows.cells.split(',')
  for (let row = 0; row < cells.length; row++) {
    const cell = area.indexOf.get(cells[row])
    const week = weekIndex.get(rows.starts[row])
    if (cell === undefined || week === undefined) continue
    values[week][cell] += measured[row]
  }
  return values
}
