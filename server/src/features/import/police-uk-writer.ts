import type pg from 'pg'
import { BinaryCopyWriter, microsSince2000 } from '../../db/binary-copy.js'
import { numberArrayLiteral } from '../../db/array-literal.js'
import { copyFromStdin } from '../../db/copy-from-stdin.js'
import { monthStarts } from '../../lib/month-bounds.js'
import { loadQuery } from '../../lib/sql-file.js'
import { containingCells, LOCATION_H3_RESOLUTIONS } from './location-cells.js'
import { COPY_INCIDENTS, SOURCE, SUFFIX, WARD_CODE_BYTES, type Segment } from './police-uk-reader.js'
import type { MapPoint } from './police-uk-row.js'

const COPY_CHUNK_BYTES = 1 << 16
const UNNEST_BATCH_ROWS = 5000
const NULL_FIELD = Buffer.from([0xff, 0xff, 0xff, 0xff])
const COPY_HEADER = new BinaryCopyWriter(32).header().take()
const COPY_TRAILER = Buffer.from([0xff, 0xff])
const NO_LOCATION_FIELDS = Buffer.concat([NULL_FIELD, NULL_FIELD])

const existingKeys = loadQuery(import.meta.url, 'existing-keys.sql')
const findLocations = loadQuery(import.meta.url, 'find-locations.sql')
const insertLocations = loadQuery(import.meta.url, 'insert-locations.sql')
const insertIncidents = loadQuery(import.meta.url, 'insert-incidents.sql')

interface Location {
  id: number
  wardCode: string | null
}

/** The ward code as the 9 bytes a row has room for, or null when it needs a field of another length (none, or odd). */
function wardBytes(location: Location & { wardBytes?: Buffer | null }): Buffer | null {
  if (location.wardBytes === undefined) {
    const code = location.wardCode
    location.wardBytes = code !== null && code.length === WARD_CODE_BYTES && Buffer.byteLength(code) === WARD_CODE_BYTES ? Buffer.from(code) : null
  }
  return location.wardBytes
}

/**
 * Map points already in `locations`, kept across the files of one run. Points added by a file stay pending until its
 * transaction commits, and a ward import (which moves points between wards) empties the cache, since each incident
 * carries a copy of its point's ward.
 */
export class LocationCache {
  private readonly known = new Map<MapPoint, Location>()
  private readonly pending = new Map<MapPoint, Location>()
  private wardsVersion: number | null = null

  get(point: MapPoint): Location | undefined {
    return this.known.get(point) ?? this.pending.get(point)
  }

  add(point: MapPoint, location: Location, committed: boolean): void {
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
        located.map((location) => location?.wardCode ?? null),
      ],
    })
    added += result.rowCount ?? 0
  }
  return added
}

/** The location of each of the segment's points that `rows` use, adding points not stored yet with wards and cells. */
async function placePoints(client: pg.PoolClient, cache: LocationCache, segment: Segment, rows: number[]): Promise<Location[]> {
  const locations: Location[] = new Array(segment.points.length)
  const missing = new Set<MapPoint>()
  for (const index of rows) {
    if (segment.pointOf[index] < 0) continue
    const point = segment.points[segment.pointOf[index]]
    if (locations[segment.pointOf[index]] !== undefined || missing.has(point)) continue
    const known = cache.get(point)
    if (known) locations[segment.pointOf[index]] = known
    else missing.add(point)
  }
  if (missing.size > 0) {
    // Matched by value: the database answers with coordinates (float8 travels as its shortest exact decimal both
    // ways, so they are the same doubles), and two point objects may share coordinates after mapPoint's cache was cut.
    const valueKey = (lon: number, lat: number) => `${lon},${lat}`
    const stored = new Map<string, { location: Location; committed: boolean }>()
    const asked = [...new Map([...missing].map((point) => [valueKey(point.lon, point.lat), point])).values()]
    const found = await client.query<{ lon: number; lat: number; id: number; ward_code: string | null }>({
      ...findLocations,
      values: [numberArrayLiteral(asked.map((point) => point.lon)), numberArrayLiteral(asked.map((point) => point.lat))],
    })
    for (const row of found.rows) stored.set(valueKey(row.lon, row.lat), { location: { id: row.id, wardCode: row.ward_code }, committed: true })
    const added = asked.filter((point) => !stored.has(valueKey(point.lon, point.lat)))
    if (added.length > 0) {
      const cells = added.map((point) => containingCells(point.lat, point.lon))
      const inserted = await client.query<{ lon: number; lat: number; id: number; ward_code: string | null }>({
        ...insertLocations,
        values: [
          numberArrayLiteral(added.map((point) => point.lon)),
          numberArrayLiteral(added.map((point) => point.lat)),
          ...LOCATION_H3_RESOLUTIONS.map((_, res) => numberArrayLiteral(cells.map((cell) => cell[res]))),
        ],
      })
      for (const row of inserted.rows) stored.set(valueKey(row.lon, row.lat), { location: { id: row.id, wardCode: row.ward_code }, committed: false })
    }
    for (const [at, point] of segment.points.entries()) {
      if (locations[at] !== undefined || !missing.has(point)) continue
      const entry = stored.get(valueKey(point.lon, point.lat))
      if (!entry) throw new Error(`no location stored for ${point.lon}, ${point.lat}`)
      cache.add(point, entry.location, entry.committed)
      locations[at] = entry.location
    }
  }
  return locations
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
    const suffix = end - SUFFIX.length
    const location: Location | undefined = locationOf[segment.pointOf[index]]
    bytes.writeInt32BE(batchHigh, suffix + 4)
    bytes.writeUInt32BE(batchLow, suffix + 8)
    const period = monthStarts[segment.monthOf[index]]
    const periodHigh = Math.floor(period / 4294967296)
    bytes.writeInt32BE(periodHigh, suffix + 16)
    bytes.writeUInt32BE(period - periodHigh * 4294967296, suffix + 20)
    if (start !== runEnd) {
      if (runStart >= 0) yield bytes.subarray(runStart, runEnd)
      runStart = start
    }
    if (location === undefined) {
      // No point: the row goes out up to its location field, then null location and ward.
      yield bytes.subarray(runStart, suffix + 24)
      yield NO_LOCATION_FIELDS
      runStart = runEnd = end
      continue
    }
    bytes.writeInt32BE(location.id, suffix + 28)
    const ward = wardBytes(location)
    if (ward !== null) {
      ward.copy(bytes, suffix + 36)
      runEnd = end
    } else {
      // The row goes out up to its ward field, then that field as it really is.
      yield bytes.subarray(runStart, suffix + 32)
      yield location.wardCode === null ? NULL_FIELD : new BinaryCopyWriter(64).text(location.wardCode).take()
      runStart = runEnd = end
    }
    if (runEnd - runStart >= COPY_CHUNK_BYTES) {
      yield bytes.subarray(runStart, runEnd)
      runStart = runEnd
    }
  }
  if (runStart >= 0 && runEnd > runStart) yield bytes.subarray(runStart, runEnd)
  yield COPY_TRAILER
}
