import type pg from 'pg'
import { categoryIds, monthBounds } from '../counts/count-bounds.js'
import { loadQuery } from '../../lib/sql-file.js'
import type { Period } from '../summary/period-in-data.js'
import type { GiStarRequest } from './gistar-analysis.js'
import type { Measure } from './measure.js'
import type { CellMonthColumns } from './monthly-cell-values.js'
import type { StudyArea } from './study-area.js'

const timedSpan = loadQuery(import.meta.url, 'timed-span.sql')
const cellWeekValues = loadQuery(import.meta.url, 'cell-week-values.sql')

const DAY_MS = 86_400_000

/** Weekly slices for emerging hot spots (issue 15): whole UK weeks, Monday to Sunday, where the data has days. */
export interface WeeklySlices {
  /** The Mondays (YYYY-MM-DD) of the weeks analysed, oldest first; empty when the filter holds no timed incidents. */
  weeks: string[]
  /** The filter's incidents outside them: known to the month only (police.uk's), or in a part-week at either end. */
  leftOut: number
  /** Per cell and week, as cell-week-values.sql gives them: `starts` holds each row's Monday in epoch days. */
  rows: CellMonthColumns
}

const isoDay = (epochDay: number) => new Date(epochDay * DAY_MS).toISOString().slice(0, 10)
const epochDay = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS

/**
 * The whole weeks inside both the period and the span of the filter's incidents known to the day or the minute
 * (a part-week would look quieter than it was and pull a trend down): from the first Monday on or after the later
 * start to the last Sunday on or before the earlier end.
 */
export function wholeWeeks(period: Period, firstDay: string, lastDay: string): string[] {
  const periodFirst = epochDay(`${period.from}-01`)
  const [year, month] = period.to.split('-').map(Number)
  const periodLast = Date.UTC(year, month, 1) / DAY_MS - 1
  const first = Math.max(periodFirst, epochDay(firstDay))
  const last = Math.min(periodLast, epochDay(lastDay))
  // 1 January 1970 was a Thursday: (day + 3) mod 7 is the weekday, Monday 0.
  const firstMonday = first + ((7 - ((first + 3) % 7)) % 7)
  const weeks: string[] = []
  for (let monday = firstMonday; monday + 6 <= last; monday += 7) weeks.push(isoDay(monday))
  return weeks
}

/** The filter's incidents per H3 cell and whole week of the timed data in the period, with what was left out. */
export async function readCellWeekColumns(pool: pg.Pool, request: Pick<GiStarRequest, 'filter' | 'res'>, period: Period): Promise<WeeklySlices> {
  const [start, end] = await monthBounds(pool, period.from, period.to)
  const categories = await categoryIds(pool, request.filter[2])
  const ward = request.filter[3]
  const { rows: [span] } = await pool.query<{ first_day: string | null; last_day: string | null; timed: number; month_only: number }>({
    ...timedSpan,
    values: [start, end, categories, ward],
  })
  const weeks = span.first_day && span.last_day ? wholeWeeks(period, span.first_day, span.last_day) : []
  if (weeks.length === 0) return { weeks, leftOut: span.timed + span.month_only, rows: { cells: '', starts: new Float64Array(0), incidents: new Float64Array(0), harm: new Float64Array(0) } }
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
  return { weeks, leftOut: span.timed + span.month_only - counted, rows: { cells: rows.map(([cell]) => cell).join(','), ...columns } }
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
