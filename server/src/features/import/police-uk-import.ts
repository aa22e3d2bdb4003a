import type pg from 'pg'
import { BinaryCopyWriter, microsSince2000 } from '../../db/binary-copy.js'
import { copyFromStdin } from '../../db/copy-from-stdin.js'
import { loadQuery } from '../../lib/sql-file.js'
import { CsvRecordReader, type CsvRecord } from './csv-records.js'
import { openTextStream, type ImportSource } from './import-source.js'
import { containingCells, LOCATION_H3_RESOLUTIONS } from './location-cells.js'
import { incidentKey, policeUkColumnIndex, PoliceUkValidator, type PoliceUkIncident } from './police-uk-row.js'

/** Rows validated before they go to the database together; bounds memory for very large files. */
const SEGMENT_ROWS = 50_000
/** Enough to show a user the pattern of what is wrong without keeping every error of a broken file. */
export const MAX_REPORTED_ERRORS = 200
const COPY_CHUNK_BYTES = 1 << 16
const UNNEST_BATCH_ROWS = 5000
const SOURCE = 'police.uk'

const monthStarts = loadQuery(import.meta.url, 'month-starts.sql')
const existingKeys = loadQuery(import.meta.url, 'existing-keys.sql')
const findLocations = loadQuery(import.meta.url, 'find-locations.sql')
const insertLocations = loadQuery(import.meta.url, 'insert-locations.sql')
const insertIncidents = loadQuery(import.meta.url, 'insert-incidents.sql')
const summarizePeriodIndex = loadQuery(import.meta.url, 'summarize-period-index.sql')

// The fields a row gets when it is written (batch, month start, map point) come last, so everything before them can
// be encoded while the file is read, before the database is asked anything.
const COPY_INCIDENTS = `COPY incidents (source, source_key, category, period_precision, crime_id, location_text, lsoa_code,
  outcome, batch_id, period_start, location_id, ward_code) FROM STDIN (FORMAT binary)`
const COPY_FIELDS = 12
/** Where a row's key bytes sit in its encoding: field count, the source field, the key's length word. */
const KEY_OFFSET = 2 + 4 + Buffer.byteLength(SOURCE) + 4
const KEY_BYTES = 16

export interface RowError {
  file: string
  /** The row as a spreadsheet shows the file: the header is row 1, the first record row 2. For GeoJSON, the feature number. */
  row: number
  reason: string
}

/**
 * Validated rows of a file, already in binary COPY form up to the fields that depend on the database (batch, month
 * start, location). Holding bytes and small integers instead of a quarter of a million strings keeps garbage
 * collection, which dominated the reading, out of the way.
 */
export class Segment {
  readonly encoded = new BinaryCopyWriter(1 << 20)
  /** Start of each row in `encoded`; a row ends where the next begins. */
  readonly starts: number[] = []
  /** Index into `months` and `points` for each row. */
  readonly monthOf: number[] = []
  readonly pointOf: number[] = []
  readonly months: string[] = []
  readonly points: { lon: number; lat: number }[] = []
  private readonly monthIndex = new Map<string, number>()
  private readonly pointIndex = new Map<number, Map<number, number>>()

  get length(): number {
    return this.starts.length
  }

  add(incident: PoliceUkIncident, key: string): void {
    this.starts.push(this.encoded.length)
    this.encoded
      .row(COPY_FIELDS)
      .text(SOURCE)
      .hex(key)
      .text(incident.category)
      .text('month')
      .text(incident.crimeId)
      .text(incident.location)
      .text(incident.lsoaCode)
      .text(incident.outcome)
    let month = this.monthIndex.get(incident.month)
    if (month === undefined) {
      month = this.months.push(incident.month) - 1
      this.monthIndex.set(incident.month, month)
    }
    this.monthOf.push(month)
    let byLat = this.pointIndex.get(incident.lon)
    if (byLat === undefined) this.pointIndex.set(incident.lon, (byLat = new Map()))
    let point = byLat.get(incident.lat)
    if (point === undefined) {
      point = this.points.push({ lon: incident.lon, lat: incident.lat }) - 1
      byLat.set(incident.lat, point)
    }
    this.pointOf.push(point)
  }

  rowEnd(index: number): number {
    return index + 1 < this.starts.length ? this.starts[index + 1] : this.encoded.length
  }

  keyHex(index: number): string {
    const start = this.starts[index] + KEY_OFFSET
    return this.encoded.view().toString('hex', start, start + KEY_BYTES)
  }

  /** The encoded text fields of a row (category … outcome), for the embedded database's INSERT path. */
  textFields(index: number): (string | null)[] {
    const bytes = this.encoded.view()
    const fields: (string | null)[] = []
    let position = this.starts[index] + KEY_OFFSET + KEY_BYTES
    for (let field = 0; field < 6; field++) {
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
}

export interface ParseEnd {
  rowsRead: number
  rowsRejected: number
  errors: RowError[]
  /** A problem with the file as a whole (missing columns, broken compression). */
  fatal?: string
}

/**
 * Reads and validates a police.uk CSV, yielding its rows in segments as it goes; returns the counts and errors.
 * Nothing here touches the database, so the next file can be read while the previous one is being written.
 */
export async function* readPoliceUkCsv(
  source: ImportSource,
  progress: (bytesRead: number, rowsRead: number) => void,
): AsyncGenerator<Segment, ParseEnd, void> {
  let bytesRead = 0
  const stream = openTextStream(source.path, source.gzip, (bytes) => (bytesRead += bytes))
  const reader = new CsvRecordReader()
  const errors: RowError[] = []
  let rowsRead = 0
  let rowsRejected = 0
  let fatal: string | undefined
  let validator: PoliceUkValidator | null = null
  let headerLength = 0
  /** Rows seen per identity, by the key of the identity's first row (shorter to hash than the identity itself). */
  const ordinals = new Map<string, number>()
  let segment = new Segment()
  const full: Segment[] = []

  const onRecord = (record: CsvRecord) => {
    if (fatal) return
    if (validator === null) {
      const header = Array.from({ length: record.length }, (_, index) => record.field(index)!)
      const { index, missing } = policeUkColumnIndex(header)
      if (missing.length > 0) {
        fatal = `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`
        return
      }
      validator = new PoliceUkValidator(index)
      headerLength = header.length
      return
    }
    rowsRead++
    const result =
      record.length > headerLength
        ? ({ ok: false, reason: `has ${record.length - headerLength} more field(s) than the header` } as const)
        : validator.validate(record)
    if (!result.ok) {
      rowsRejected++
      if (errors.length < MAX_REPORTED_ERRORS) errors.push({ file: source.name, row: rowsRead + 1, reason: result.reason })
      return
    }
    // Once a row is bad the file will not land; keep reading only to report every bad row.
    if (rowsRejected > 0) return
    const { incident } = result
    const firstKey = incidentKey(incident.identity, 1)
    const seen = ordinals.get(firstKey)
    ordinals.set(firstKey, (seen ?? 0) + 1)
    segment.add(incident, seen === undefined ? firstKey : incidentKey(incident.identity, seen + 1))
    if (segment.length >= SEGMENT_ROWS) {
      full.push(segment)
      segment = new Segment()
    }
  }

  try {
    for await (const chunk of stream) {
      reader.push(chunk as Buffer, onRecord)
      if (fatal) break
      progress(bytesRead, rowsRead)
      while (full.length > 0 && rowsRejected === 0) yield full.shift()!
    }
    if (!fatal) reader.end(onRecord)
  } catch (error) {
    const readError = error as Error & { code?: string }
    if (readError.code?.startsWith('Z_') || /unexpected end of file/i.test(readError.message)) {
      fatal = `cannot be read: ${readError.message}`
    } else {
      throw error
    }
  } finally {
    stream.destroy()
  }
  if (!fatal && validator === null) fatal = 'is empty'
  progress(bytesRead, rowsRead)
  if (!fatal && rowsRejected === 0) {
    for (const rest of full) yield rest
    if (segment.length > 0) yield segment
  }
  return { rowsRead, rowsRejected, errors, fatal }
}

interface Location {
  id: number
  wardCode: string | null
}

/**
 * Map points already in `locations`, by `${lon},${lat}`, kept across the files of one run. Points added by a file
 * stay pending until its transaction commits, and a ward import (which moves points between wards) empties the
 * cache, since each incident carries a copy of its point's ward.
 */
export class LocationCache {
  private readonly known = new Map<string, Location>()
  private readonly pending = new Map<string, Location>()
  private wardsVersion: number | null = null

  get(point: string): Location | undefined {
    return this.known.get(point) ?? this.pending.get(point)
  }

  add(point: string, location: Location, committed: boolean): void {
    ;(committed ? this.known : this.pending).set(point, location)
  }

  /** Forgets every point when the wards changed since the cache was filled. */
  checkWards(version: number): void {
    if (this.wardsVersion !== version) this.known.clear()
    this.wardsVersion = version
  }

  commit(): void {
    for (const [point, location] of this.pending) this.known.set(point, location)
    this.pending.clear()
  }

  rollback(): void {
    this.pending.clear()
  }
}

const pointKey = (lon: number, lat: number) => `${lon},${lat}`

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
    const { rows } = await client.query<{ month: string; start: Date }>({ ...monthStarts, values: [unknownMonths] })
    for (const row of rows) context.monthStarts.set(row.month, microsSince2000(row.start))
  }
  const starts = segment.months.map((month) => context.monthStarts.get(month)!)

  // Keys include the month, so only rows already stored for these months can match; for a new month this reads
  // nothing (the BRIN index has no block range for it).
  const existing = await client.query<{ source_key: Buffer }>({ ...existingKeys, values: [SOURCE, segment.months] })
  let rows = Array.from({ length: segment.length }, (_, index) => index)
  if (existing.rowCount) {
    const stored = new Set(existing.rows.map((row) => row.source_key.toString('hex')))
    rows = rows.filter((index) => !stored.has(segment.keyHex(index)))
  }
  if (rows.length === 0) return 0

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
        batch.map((index) => `\\x${segment.keyHex(index)}`),
        batch.map((index) => segment.months[segment.monthOf[index]]),
        ...[0, 1, 2, 3, 4, 5].map((field) => texts.map((fields) => fields[field])),
        located.map((location) => location.id),
        located.map((location) => location.wardCode),
      ],
    })
    added += result.rowCount ?? 0
  }
  return added
}

/** The location of each of the segment's points that `rows` use, adding points not stored yet with wards and cells. */
async function placePoints(client: pg.PoolClient, cache: LocationCache, segment: Segment, rows: number[]): Promise<Location[]> {
  const used = new Set<number>()
  for (const index of rows) used.add(segment.pointOf[index])
  const locations: Location[] = new Array(segment.points.length)
  const missing: number[] = []
  for (const point of used) {
    const { lon, lat } = segment.points[point]
    const known = cache.get(pointKey(lon, lat))
    if (known) locations[point] = known
    else missing.push(point)
  }
  if (missing.length > 0) {
    const asked = missing.map((point) => segment.points[point])
    const found = await client.query<{ lon: number; lat: number; id: number; ward_code: string | null }>({
      ...findLocations,
      values: [asked.map((point) => point.lon), asked.map((point) => point.lat)],
    })
    // Float8 travels as its shortest exact decimal both ways, so the parsed value is the same double.
    for (const row of found.rows) cache.add(pointKey(row.lon, row.lat), { id: row.id, wardCode: row.ward_code }, true)
    const added = asked.filter((point) => !cache.get(pointKey(point.lon, point.lat)))
    if (added.length > 0) {
      const cells = added.map((point) => containingCells(point.lat, point.lon))
      const inserted = await client.query<{ lon: number; lat: number; id: number; ward_code: string | null }>({
        ...insertLocations,
        values: [
          added.map((point) => point.lon),
          added.map((point) => point.lat),
          ...LOCATION_H3_RESOLUTIONS.map((_, res) => cells.map((cell) => cell[res])),
        ],
      })
      for (const row of inserted.rows) cache.add(pointKey(row.lon, row.lat), { id: row.id, wardCode: row.ward_code }, false)
    }
    for (const point of missing) {
      const { lon, lat } = segment.points[point]
      const location = cache.get(pointKey(lon, lat))
      if (!location) throw new Error(`no location stored for ${lon}, ${lat}`)
      locations[point] = location
    }
  }
  return locations
}

/** The rows as binary COPY data, completed and sent chunk by chunk so the server stores while Node encodes. */
function* encodeRows(segment: Segment, rows: number[], locationOf: Location[], batchId: number, monthStarts: number[]): Generator<Buffer> {
  const writer = new BinaryCopyWriter(COPY_CHUNK_BYTES * 2).header()
  const encoded = segment.encoded.view()
  for (const index of rows) {
    const location = locationOf[segment.pointOf[index]]
    writer
      .raw(encoded, segment.starts[index], segment.rowEnd(index))
      .int8(batchId)
      .timestamptz(monthStarts[segment.monthOf[index]])
      .int4(location.id)
      .text(location.wardCode)
    if (writer.length >= COPY_CHUNK_BYTES) yield writer.take()
  }
  yield writer.end().take()
}

/** After a file's rows are in: keeps the BRIN index exact for the next file's key lookup. */
export async function finishPoliceUkFile(client: pg.PoolClient): Promise<void> {
  await client.query(summarizePeriodIndex)
}
