import { BinaryCopyWriter } from '../../../db/binary-copy.js'
import type { FastFields } from './fast-path.js'

/**
 * The one place that knows how a police.uk incident is laid out as a binary COPY row: which fields, in which order,
 * where the key sits, and where the fields set at write time are patched in. The reader encodes rows with
 * `writeRow`/`writeRowBytes` as it reads the file; the writer patches them with `patchRow`/`patchLocation` and sends
 * them as slices of the same buffer.
 */

export const SOURCE = 'police.uk'
const PRECISION = 'month'

// The fields a row gets when it is written (batch, month start, map point) come last, so everything before them can
// be encoded while the file is read, before the database is asked anything. The ward is not among them: an incident's
// ward is its point's (locations.ward_code).
export const COPY_INCIDENTS = `COPY incidents (source, source_key, category, period_precision, crime_id, location_text, lsoa_code,
  outcome, batch_id, period_start, location_id) FROM STDIN (FORMAT binary)`
const COPY_FIELDS = 11
/** Where a row's key bytes sit in its encoding: field count, the source field, the key's length word. */
const KEY_OFFSET = 2 + 4 + Buffer.byteLength(SOURCE) + 4
const KEY_BYTES = 16
/** The text fields after the key, each a length word and its bytes: category … outcome. */
const TEXT_FIELDS = 6

/**
 * Every row ends with room for the fields set when it is written, patched in place then so that rows go out as
 * slices of the buffer they were read into: batch id (int8), month start (timestamptz) and location id (int4; rows
 * without a point go out with a null there instead).
 */
const BATCH_FIELD = 0
const PERIOD_FIELD = 12
const LOCATION_FIELD = 24
const SUFFIX = (() => {
  const suffix = Buffer.alloc(LOCATION_FIELD + 4 + 4)
  suffix.writeInt32BE(8, BATCH_FIELD)
  suffix.writeInt32BE(8, PERIOD_FIELD)
  suffix.writeInt32BE(4, LOCATION_FIELD)
  return suffix
})()

/** What the general path has read of a row: the fields the row stores as text. */
export interface RowTexts {
  category: string
  crimeId: string | null
  location: string | null
  lsoaCode: string | null
  outcome: string | null
}

/** Encodes a row from the general path, its write-time fields left as room; returns where its Location field starts. */
export function writeRow(writer: BinaryCopyWriter, key: string, row: RowTexts): number {
  writer.row(COPY_FIELDS).text(SOURCE).latin1(key).text(row.category).text(PRECISION).text(row.crimeId)
  const locationField = writer.length
  writer.text(row.location).text(row.lsoaCode).text(row.outcome).raw(SUFFIX, 0, SUFFIX.length)
  return locationField
}

/** The same encoding from the fast path's byte ranges (an empty range is a missing value, as `text(null)` makes it). */
export function writeRowBytes(writer: BinaryCopyWriter, key: string, fields: FastFields): number {
  const { bytes } = fields
  writer.row(COPY_FIELDS).text(SOURCE).latin1(key).textBytes(bytes, fields.categoryStart, fields.categoryEnd).text(PRECISION)
  if (fields.crimeIdStart === fields.crimeIdEnd) writer.null()
  else writer.textBytes(bytes, fields.crimeIdStart, fields.crimeIdEnd)
  const locationField = writer.length
  if (fields.locationStart === fields.locationEnd) writer.null()
  else writer.textBytes(bytes, fields.locationStart, fields.locationEnd)
  if (fields.lsoaCodeStart === fields.lsoaCodeEnd) writer.null()
  else writer.textBytes(bytes, fields.lsoaCodeStart, fields.lsoaCodeEnd)
  if (fields.outcomeStart === fields.outcomeEnd) writer.null()
  else writer.textBytes(bytes, fields.outcomeStart, fields.outcomeEnd)
  writer.raw(SUFFIX, 0, SUFFIX.length)
  return locationField
}

/** The key of the row starting at `rowStart`, as a 'binary' string. */
export function rowKey(bytes: Buffer, rowStart: number): string {
  const start = rowStart + KEY_OFFSET
  return bytes.toString('binary', start, start + KEY_BYTES)
}

/** The encoded text fields of a row (category … outcome), for the embedded database's INSERT path. */
export function rowTexts(bytes: Buffer, rowStart: number): (string | null)[] {
  const fields: (string | null)[] = []
  let position = rowStart + KEY_OFFSET + KEY_BYTES
  for (let field = 0; field < TEXT_FIELDS; field++) {
    const length = bytes.readInt32BE(position)
    position += 4
    if (length < 0) {
      fields.push(null)
    } else {
      fields.push(bytes.toString('utf8', position, position + length))
      position += length
    }
  }
  return fields
}

/** Sets the batch id and month start (microseconds since 2000) of the row ending at `rowEnd`; both safe integers. */
export function patchRow(bytes: Buffer, rowEnd: number, batchHigh: number, batchLow: number, periodStart: number): void {
  const suffix = rowEnd - SUFFIX.length
  bytes.writeInt32BE(batchHigh, suffix + BATCH_FIELD + 4)
  bytes.writeUInt32BE(batchLow, suffix + BATCH_FIELD + 8)
  const periodHigh = Math.floor(periodStart / 4294967296)
  bytes.writeInt32BE(periodHigh, suffix + PERIOD_FIELD + 4)
  bytes.writeUInt32BE(periodStart - periodHigh * 4294967296, suffix + PERIOD_FIELD + 8)
}

/** Where the row ending at `rowEnd` has its location field: a row without a point goes out up to here, then a null. */
export function locationFieldAt(rowEnd: number): number {
  return rowEnd - SUFFIX.length + LOCATION_FIELD
}

/** Sets the location id of the row ending at `rowEnd`. */
export function patchLocation(bytes: Buffer, rowEnd: number, locationId: number): void {
  bytes.writeInt32BE(locationId, rowEnd - SUFFIX.length + LOCATION_FIELD + 4)
}

/** A row's location field when it has no map point: null. */
export const NO_LOCATION_FIELD = new BinaryCopyWriter(8).null().take()
