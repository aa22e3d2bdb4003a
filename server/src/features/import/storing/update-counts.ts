import type pg from 'pg'
import { numberArrayLiteral } from '../../../db/array-literal.js'
import { loadQuery } from '../../../lib/sql-file.js'
import type { PointMonthTally } from '../point-month-tally.js'
import { writePointMonthRows } from '../point-month-rows.js'
import { beginImport } from '../run/import-file.js'

const countNewIncidents = loadQuery(import.meta.url, '../count-new-incidents.sql')
const refreshLocationCounts = loadQuery(import.meta.url, '../refresh-location-counts.sql')
const addPointMonthCounts = loadQuery(import.meta.url, '../add-point-month-counts.sql')
const mergeLocationCounts = loadQuery(import.meta.url, '../merge-location-counts.sql')

/**
 * Brings location_counts and point_month_counts up to date with the incidents just added, in one transaction; until
 * it runs, queries add them themselves. When the incidents newer than the mark are exactly those the run tallied
 * (checked by their number, under the import lock), the tally goes into both tables as it is; otherwise (another
 * session imported meanwhile, a run stopped half-way, or a run too large to tally) the rows are counted again in SQL.
 */
export async function updateLocationCounts(pool: pg.Pool, run?: { tally: PointMonthTally; useCopy: boolean }): Promise<void> {
  const client = await pool.connect()
  try {
    await beginImport(client)
    const { incidents, newest, counted_through: countedThrough } = (
      await client.query<{ incidents: number; newest: number | null; counted_through: number }>(countNewIncidents)
    ).rows[0]
    if (run && !run.tally.overflowed && newest !== null && incidents === run.tally.rows) {
      const { locationIds, totals, counts } = run.tally.locationArrays()
      await client.query({ ...mergeLocationCounts, values: [numberArrayLiteral(locationIds), numberArrayLiteral(totals), numberArrayLiteral(counts), run.tally.categoryCount, newest] })
      await writePointMonthRows(client, run.tally.pointMonthColumns(), run.useCopy)
    } else if (incidents > 0) {
      await client.query(refreshLocationCounts)
      // Nothing else writes incidents while the import lock is held, so (mark, newest] is exactly what was just counted.
      await client.query({ ...addPointMonthCounts, values: [countedThrough, newest] })
    }
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}
