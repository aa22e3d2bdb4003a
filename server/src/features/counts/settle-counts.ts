import type pg from 'pg'
import { loadQuery } from '../../lib/sql-file.js'

const settleCountsQuery = loadQuery(import.meta.url, 'settle-counts.sql')

/**
 * After a run of writes (an import): the rollups vacuumed and analysed. Their counts are exact at every commit
 * without it; this only keeps the analyses' reads fast (index-only scans need pages marked visible, and the embedded
 * database has no autovacuum to mark them).
 */
export async function settleCounts(pool: pg.Pool): Promise<void> {
  await pool.query(settleCountsQuery)
}
