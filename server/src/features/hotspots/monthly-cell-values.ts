import type pg from 'pg'
import { londonMonthOfEpoch, monthsOf } from '../../lib/months.js'
import { loadQuery } from '../../lib/sql-file.js'
import { measured } from './measure.js'
import type { GiStarRequest } from './gistar-analysis.js'
import type { StudyArea } from './study-area.js'

const cellMonthValues = loadQuery(import.meta.url, 'cell-month-values.sql')

/** The filter's incidents (or harm) per study-area cell, month by month (oldest first): `values[month][cell]`. */
export async function monthlyCellValues(
  pool: pg.Pool,
  area: StudyArea,
  request: GiStarRequest,
  period: { from: string; to: string },
): Promise<{ months: string[]; values: Float64Array[] }> {
  const months = monthsOf(period.from, period.to)
  const monthIndex = new Map(months.map((month, index) => [month, index]))
  const values = months.map(() => new Float64Array(area.cells.length))
  const rows = (await pool.query({ ...cellMonthValues, values: [period.from, period.to, request.filter[2], request.filter[3], request.res] })).rows
  const monthOf = londonMonthOfEpoch()
  for (const row of rows) {
    const cell = area.indexOf.get(row.cell)
    const month = monthIndex.get(monthOf(row.start_epoch))
    if (cell !== undefined && month !== undefined) values[month][cell] += measured(row, request.measure)
  }
  return { months, values }
}
