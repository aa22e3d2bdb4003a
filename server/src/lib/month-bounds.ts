import type pg from 'pg'
import { nextMonth } from './months.js'
import { loadQuery } from './sql-file.js'

const monthStartsQuery = loadQuery(import.meta.url, 'month-starts.sql')

/** The instant each month starts in the UK, asked of the database (its time-zone rules) once per month, then remembered. */
const starts = new Map<string, Date>()

/**
 * The instants the months (YYYY-MM) start in the UK, as every period filter and the importer's period starts compute
 * them, in the order asked; only months not asked before cost a query. Takes a pool or a client inside a transaction.
 */
export async function monthStarts(db: Pick<pg.Pool, 'query'>, months: readonly string[]): Promise<Date[]> {
  const missing = months.filter((month) => !starts.has(month))
  if (missing.length > 0) {
    const { rows } = await db.query<{ month: string; start: Date }>({ ...monthStartsQuery, values: [missing] })
    for (const row of rows) starts.set(row.month, row.start)
  }
  return months.map((month) => starts.get(month)!)
}

/**
 * A month range as the instants a query compares period starts with: the start of `from` and the start of the month
 * after `to` (exclusive); null for an open end. Passed as values rather than computed in the query, so the planner
 * knows how many rows a period holds: with the bounds computed in SQL it guessed a few hundred of 180,000, and sorted
 * them on disk where it should have hashed.
 */
export async function monthBounds(pool: pg.Pool, from: string | null, to: string | null): Promise<[Date | null, Date | null]> {
  const after = to === null ? null : nextMonth(to)
  await monthStarts(pool, [from, after].filter((month): month is string => month !== null))
  return [from === null ? null : starts.get(from)!, after === null ? null : starts.get(after)!]
}
