import type pg from 'pg'
import { BinaryCopyWriter, microsSince2000 } from '../../../db/binary-copy.js'
import { copyFromStdin } from '../../../db/copy-from-stdin.js'
import { monthStarts } from '../../../lib/month-bounds.js'
import { loadQuery } from '../../../lib/sql-file.js'
import { COPY_INCIDENTS, locationFieldAt, NO_LOCATION_FIELD, patchLocation, patchRow, SOURCE } from '../police-uk/row-layout.js'
import type { Segment } from '../police-uk/segment.js'
import type { Location, LocationCache } from './location-cache.js'
import { placePoints } from './place-points.js'

const COPY_CHUNK_BYTES = 1 << 16
const UNNEST_BATCH_ROWS = 5000
const COPY_HEADER = new BinaryCopyWriter(32).header().take()
const COPY_TRAILER = new BinaryCopyWriter(32).end().take()

const existingKeys = loadQuery(import.meta.url, 'existing-keys.sql')
const insertIncidents = loadQuery(import.meta.url, 'insert-incidents.sql')

/** What every file of one run shares: the connection's mode, known points and month starts. */
export interface PoliceUkWriteContext {
  /** COPY FROM STDIN on a server; the embedded database takes INSERT … unnest batches instead. */
  useCopy: boolean
  locations: LocationCache
  /** Start of each month in Europe/London, as microseconds since 2000 (binary timestamptz). */
  monthStarts: Map<string, number>
}

/** Writes one segment of validated rows as incidents of `batchId`; returns how many were new. */
export async function writeSegment(client: pg.PoolClient, context: PoliceUkWriteContext, batchId: number, segment: Segment): Promise<number> {
  const unknownMonths = segment.months.filter((month) => !context.monthStarts.has(month))
  if (unknownMonths.length > 0) {
    const instants = await monthStarts(client, unknownMonths)
    unknownMonths.forEach((month, index) => context.monthStarts.set(month, microsSince2000(instants[index])))
  }
  const starts = segment.months.map((month) => context.monthStarts.get(month)!)

  // Keys include the month, so only rows already stored for these months can match; for a new month this reads
  // nothing (the BRIN index has no block range for it).
  const existing = await client.query<{ source_key: Buffer }>({ ...existingKeys, values: [SOURCE, segment.months] })
  let rows = Array.from({ length: segment.length }, (_, index) => index)
  if (existing.rowCount) {
    const stored = new Set(existing.rows.map((row) => row.source_key.toString('binary')))
    rows = rows.filter((index) => !stored.has(segment.key(index)))
  }
  if (rows.length === 0) return 0

  // Rows police.uk gives no point have no location, ward or counts per point: their location_id is null.
  const locationOf = await placePoints(client, context.locations, segment, rows)
  if (context.useCopy) return copyFromStdin(client, COPY_INCIDENTS, encodeRows(segment, rows, locationOf, batchId, starts))
  let added = 0
  for (let start = 0; start < rows.length; start += UNNEST_BATCH_ROWS) {
    const batch = rows.slice(start, start + UNNEST_BATCH_ROWS)
    const texts = batch.map((index) => segment.textFields(index))
    const located = batch.map((index) => locationOf[segment.pointOf[index]])
    const result = await client.query({
      ...insertIncidents,
      values: [
        SOURCE, batchId,
        batch.map((index) => `\\x${Buffer.from(segment.key(index), 'binary').toString('hex')}`),
        batch.map((index) => segment.months[segment.monthOf[index]]),
        ...[0, 1, 2, 3, 4, 5].map((field) => texts.map((fields) => fields[field])),
        located.map((location) => location?.id ?? null),
      ],
    })
    added += result.rowCount ?? 0
  }
  return added
}

/**
 * The rows as binary COPY data: each row's last fields patched in place, and runs of consecutive rows sent as slices
 * of the buffer they were read into, so that the server starts storing while later slices are still being patched.
 */
function* encodeRows(segment: Segment, rows: number[], locationOf: Location[], batchId: number, monthStarts: number[]): Generator<Buffer> {
  yield COPY_HEADER
  const bytes = segment.encoded.view()
  const batchHigh = Math.floor(batchId / 4294967296)
  const batchLow = batchId - batchHigh * 4294967296
  let runStart = -1
  let runEnd = -1
  for (const index of rows) {
    const start = segment.starts[index]
    const end = segment.rowEnd(index)
    const location: Location | undefined = locationOf[segment.pointOf[index]]
    patchRow(bytes, end, batchHigh, batchLow, monthStarts[segment.monthOf[index]])
    if (start !== runEnd) {
      if (runStart >= 0) yield bytes.subarray(runStart, runEnd)
      runStart = start
    }
    if (location === undefined) {
      // No point: the row goes out up to its location field, then a null location.
      yield bytes.subarray(runStart, locationFieldAt(end))
      yield NO_LOCATION_FIELD
      runStart = runEnd = end
      continue
    }
    patchLocation(bytes, end, location.id)
    runEnd = end
    if (runEnd - runStart >= COPY_CHUNK_BYTES) {
      yield bytes.subarray(runStart, runEnd)
      runStart = runEnd
    }
  }
  if (runStart >= 0 && runEnd > runStart) yield bytes.subarray(runStart, runEnd)
  yield COPY_TRAILER
}
