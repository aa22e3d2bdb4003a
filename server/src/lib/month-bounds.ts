import type pg from 'pg'
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
