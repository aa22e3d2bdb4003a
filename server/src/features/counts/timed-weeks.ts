import type pg from 'pg'
import { loadQuery } from '../../lib/sql-file.js'
import type { Period } from '../summary/period-in-data.js'
import type { CountFilter } from './count-bounds.js'

const timedSpan = loadQuery(import.meta.url, 'timed-span.sql')

const DAY_MS = 86_400_000

export const isoDay = (epochDay: number) => new Date(epochDay * DAY_MS).toISOString().slice(0, 10)
export const epochDay = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS

/** The whole UK weeks a filter's incidents known to the day or the minute fill in its period (issue 15). */
export interface TimedWeeks {
  /** Their Mondays (YYYY-MM-DD), oldest first; empty when no whole week has such incidents. */
  weeks: string[]
  /** The filter's incidents known to the day or the minute, wherever they fall in the period. */
  timed: number
  /** The filter's incidents known to the month only (police.uk's). */
  monthOnly: number
}

/**
 * The whole weeks inside both the period and the span of the filter's incidents known to the day or the minute
 * (a part-week would look quieter than it was, and pull a trend down or dim a frame): from the first Monday on or after
 * the later start to the last Sunday on or before the earlier end.
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

/** The filter's whole weeks of timed incidents in the period, from the day rollup (timed-span.sql). */
export async function readTimedWeeks(db: Pick<pg.Pool, 'query'>, [start, end, categories, ward]: CountFilter, period: Period): Promise<TimedWeeks> {
  const { rows: [span] } = await db.query<{ first_day: string | null; last_day: string | null; timed: number; month_only: number }>({
    ...timedSpan,
    values: [start, end, categories, ward],
  })
  const weeks = span.first_day && span.last_day ? wholeWeeks(period, span.first_day, span.last_day) : []
  return { weeks, timed: span.timed, monthOnly: span.month_only }
}
