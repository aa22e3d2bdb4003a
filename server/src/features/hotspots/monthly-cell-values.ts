import type pg from 'pg'
import { londonMonthOfEpoch, monthsOf } from '../../lib/months.js'
import { monthBounds } from '../../lib/month-bounds.js'
import { loadQuery } from '../../lib/sql-file.js'
import type { GiStarRequest } from './gistar-analysis.js'
import type { StudyArea } from './study-area.js'

const cellMonthValues = loadQuery(import.meta.url, 'cell-month-values.sql')

export interface MonthlyCellValues {
  months: string[]
  /** `values[month][cell]`: the request's measure (incidents or harm) per study-area cell and month, oldest first. */
  values: Float64Array[]
  /** The same for incidents and for harm, whichever the measure. */
  incidents: Float64Array[]
  harm: Float64Array[]
}

/** The filter's incidents and harm per study-area cell, month by month; cells outside the area are left out. */
export async function monthlyCellValues(
  pool: pg.Pool,
  area: StudyArea,
  request: Pick<GiStarRequest, 'filter' | 'res' | 'measure'>,
  period: { from: string; to: string },
): Promise<MonthlyCellValues> {
  const months = monthsOf(period.from, period.to)
  const monthIndex = new Map(months.map((month, index) => [month, index]))
  const incidents = months.map(() => new Float64Array(area.cells.length))
  const harm = months.map(() => new Float64Array(area.cells.length))
  // Rows as arrays: tens of thousands of them, and an object per row was a good part of the time spent reading them.
  const [start, end] = await monthBounds(pool, period.from, period.to)
  const { rows } = await pool.query<[string, number, number, number]>({
    ...cellMonthValues,
    values: [start, end, request.filter[2], request.filter[3], request.res],
    rowMode: 'array',
  })
  const monthOf = londonMonthOfEpoch()
  for (const [cellHex, startEpoch, cellIncidents, cellHarm] of rows) {
    const cell = area.indexOf.get(cellHex)
    const month = monthIndex.get(monthOf(startEpoch))
    if (cell === undefined || month === undefined) continue
    incidents[month][cell] += cellIncidents
    harm[month][cell] += cellHarm
  }
  return { months, values: request.measure === 'harm' ? harm : incidents, incidents, harm }
}
