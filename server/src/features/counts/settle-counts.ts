import type pg from 'pg'
import { loadQuery } from '../../lib/sql-file.js'

const compactCountsQuery = loadQuery(import.meta.url, 'compact-counts.sql')
const settleCountsQuery = loadQuery(import.meta.url, 'settle-counts.sql')

/**
 * After a run of writes (an import): each rollup key's appended rows folded into one (compact-counts.sql), then the
 * rollups vacuumed and analysed. Their counts are exact at every commit without it; this keeps the rollups the size
 * of their keys and the analyses' reads fast (index-only scans need pages marked visible, and the embedded database
 * has no autovacuum to mark them).
 */
export async function settleCounts(pool: pg.Pool): Promise<void> {
  await pool.query(compactCountsQuery)
  await pool.query(settleCountsQuery)
}
