import type pg from 'pg'
import { BinaryCopyWriter, dateOfMicrosSince2000 } from '../../db/binary-copy.js'
import { copyFromStdin } from '../../db/copy-from-stdin.js'
import { loadQuery } from '../../lib/sql-file.js'
import type { PointMonthColumns } from './point-month-tally.js'

const COPY_POINT_MONTH_COUNTS = 'COPY point_month_counts (location_id, period_start, category_id, location_text, incidents) FROM STDIN (FORMAT binary)'
const COPY_CHUNK_BYTES = 1 << 16
const UNNEST_BATCH_ROWS = 10_000
const insertPointMonthCounts = loadQuery(import.meta.url, 'insert-point-month-counts.sql')

/** Adds a run's tallied rows to point_month_counts: COPY on a server, INSERT … unnest batches on the embedded database. */
export async function writePointMonthRows(client: pg.PoolClient, rows: PointMonthColumns, useCopy: boolean): Promise<void> {
  if (rows.length === 0) return
  if (useCopy) {
    await copyFromStdin(client, COPY_POINT_MONTH_COUNTS, encodeRows(rows))
    return
  }
  for (let start = 0; start < rows.length; start += UNNEST_BATCH_ROWS) {
    const end = Math.min(rows.length, start + UNNEST_BATCH_ROWS)
    await client.query({
      ...insertPointMonthCounts,
      values: [
        Array.from(rows.locationIds.subarray(start, end)),
        Array.from(rows.periodStarts.subarray(start, end), dateOfMicrosSince2000),
        Array.from(rows.categoryIds.subarray(start, end)),
        rows.locationTexts.slice(start, end),
        Array.from(rows.incidents.subarray(start, end)),
      ],
    })
  }
}

function* encodeRows(rows: PointMonthColumns): Generator<Buffer> {
  const writer = new BinaryCopyWriter(COPY_CHUNK_BYTES + 1024).header()
  for (let row = 0; row < rows.length; row++) {
    writer.row(5).int4(rows.locationIds[row]).timestamptz(rows.periodStarts[row]).int2(rows.categoryIds[row]).text(rows.locationTexts[row]).int4(rows.incidents[row])
    if (writer.length >= COPY_CHUNK_BYTES) yield writer.take()
  }
  yield writer.end().take()
}
