import type pg from 'pg'
import { loadQuery } from '../../lib/sql-file.js'

const countMismatchesQuery = loadQuery(import.meta.url, 'count-mismatches.sql')

/** Keys whose count in each rollup differs from a plain GROUP BY over incidents ⋈ locations (0 everywhere: exact). */
export interface CountMismatches {
  pointMonth: number
  wardMonth: number
  location: number
  day: number
  hour: number
}

/** The rollups checked against the incidents themselves: what the tests assert after every kind of change. */
export async function countMismatches(db: Pick<pg.Pool, 'query'>): Promise<CountMismatches> {
  const { rows } = await db.query<{ point_month: number; ward_month: number; location: number; day: number; hour: number }>(countMismatchesQuery)
  const [row] = rows
  return { pointMonth: row.point_month, wardMonth: row.ward_month, location: row.location, day: row.day, hour: row.hour }
}
