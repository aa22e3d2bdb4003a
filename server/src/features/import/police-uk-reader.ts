import { isUtf8 } from 'node:buffer'
import { BinaryCopyWriter } from '../../db/binary-copy.js'
import { POLICE_UK_CATEGORIES } from '../incidents/categories.js'
import { ArrayRecord, CsvRecordReader, type CsvRecord } from './csv-records.js'
import { openTextStream, unreadableReason, type ImportSource } from './import-source.js'
import { PoliceUkFastPath, type FastFields } from './police-uk-fast-path.js'
import { incidentKey, mapPoint, policeUkColumnIndex, PoliceUkValidator, type MapPoint, type PoliceUkIncident } from './police-uk-row.js'

/** Rows validated before they go to the database together; bounds memory for very large files. */
const SEGMENT_ROWS = 50_000
/** Enough to show a user the pattern of what is wrong without keeping every error of a broken file. */
export const MAX_REPORTED_ERRORS = 200
export const SOURCE = 'police.uk'
const PRECISION = 'month'
const LINE_FEED = 10
const CARRIAGE_RETURN = 13
const QUOTE = 34

// The fields a row gets when it is written (batch, month start, map point) come last, so everything before them can
// be encoded while the file is read, before the database is asked anything.
export const COPY_INCIDENTS = `COPY incidents (source, source_key, category, period_precision, crime_id, location_text, lsoa_code,
  outcome, batch_id, period_start, location_id, ward_code) FROM STDIN (FORMAT binary)`
const COPY_FIELDS = 12
/** Where a row's key bytes sit in its encoding: field count, the source field, the key's length word. */
const KEY_OFFSET = 2 + 4 + Buffer.byteLength(SOURCE) + 4
const KEY_BYTES = 16
/**
 * Every row ends with room for the fields set when it is written, patched in place then so that rows go out as
 * slices of the buffer they were read into: batch id (int8), month start (timestamptz), location id (int4) and ward
 * code (9 characters, as every ONS code has; rows whose point has no ward go out with a null there instead).
 */
export const WARD_CODE_BYTES = 9
export const SUFFIX = (() => {
  const suffix = Buffer.alloc(12 + 12 + 8 + 4 + WARD_CODE_BYTES)
  suffix.writeInt32BE(8, 0)
  suffix.writeInt32BE(8, 12)
  suffix.writeInt32BE(4, 24)
  suffix.writeInt32BE(WARD_CODE_BYTES, 32)
  return suffix
})()

const NOT_UTF8 = 'not valid UTF-8'
const NOT_UTF8_HEADER = 'row 1 (the header): not valid UTF-8'

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
  encoded: BinaryCopyWriter
  /** Start of each row in `encoded`; a row ends where the next begins. */
  starts: number[] = []
  /** Index into `months` and `points` for each row; -1 in `pointOf` for a row without a map point. */
  monthOf: number[] = []
  pointOf: number[] = []
  /** Each row's category, as its index in POLICE_UK_CATEGORIES. */
  categoryOf: number[] = []
  /** Each row's place name (police.uk's Location), as its index in `places`: the counts per point and month keep it. */
  placeOf: number[] = []
  months: string[] = []
  points: MapPoint[] = []
  places: (string | null)[] = []
  private readonly monthIndex = new Map<string, number>()
  private readonly pointIndex = new Map<MapPoint, number>()
  private readonly placeIndex = new Map<string | null, number>()
  /** For each point, its last row's place and where that row's Location field is in `encoded`. */
  private readonly lastPlaceOfPoint: number[] = []
  private readonly lastPlaceFieldOfPoint: number[] = []

  constructor(initialBytes = 1 << 20) {
    this.encoded = new BinaryCopyWriter(initialBytes)
  }

  /** The segment as a message to another thread, its bytes and integer arrays moved rather than copied. */
  toMessage(): { message: SegmentMessage; transfer: ArrayBuffer[] } {
    const view = this.encoded.view()
    const encoded = new Uint8Array(view.buffer, view.byteOffset, view.length)
    const message: SegmentMessage = {
      encoded,
      starts: Int32Array.from(this.starts),
      monthOf: Int32Array.from(this.monthOf),
      pointOf: Int32Array.from(this.pointOf),
      categoryOf: Int8Array.from(this.categoryOf),
      placeOf: Int32Array.from(this.placeOf),
      months: this.months,
      places: this.places,
      lons: Float64Array.from(this.points, (point) => point.lon),
      lats: Float64Array.from(this.points, (point) => point.lat),
    }
    const transfer = [message.starts, message.monthOf, message.pointOf, message.categoryOf, message.placeOf, message.lons, message.lats].map((array) => array.buffer as ArrayBuffer)
    // A pooled small buffer shares its memory with others and cannot move; it is copied instead.
    if (view.byteOffset === 0 && view.buffer.byteLength >= view.length && !(view.buffer instanceof SharedArrayBuffer)) transfer.push(view.buffer as ArrayBuffer)
    return { message, transfer }
  }

  static fromMessage(message: SegmentMessage): Segment {
    const segment = new Segment(64)
    segment.encoded = BinaryCopyWriter.wrap(Buffer.from(message.encoded.buffer, message.encoded.byteOffset, message.encoded.byteLength))
    segment.starts = Array.from(message.starts)
    segment.monthOf = Array.from(message.monthOf)
    segment.pointOf = Array.from(message.pointOf)
    segment.categoryOf = Array.from(message.categoryOf)
    segment.placeOf = Array.from(message.placeOf)
    segment.months = message.months
    segment.places = message.places
    segment.points = Array.from(message.lons, (lon, index) => mapPoint(lon, message.lats[index]))
    return segment
  }

  get length(): number {
    return this.starts.length
  }

  /** A row from the general path; `key` is a 'binary' string. */
  add(incident: PoliceUkIncident, key: string): void {
    this.starts.push(this.encoded.length)
    this.encoded.row(COPY_FIELDS).text(SOURCE).latin1(key).text(incident.category).text(PRECISION).text(incident.crimeId)
    const locationField = this.encoded.length
    this.encoded.text(incident.location).text(incident.lsoaCode).text(incident.outcome).raw(SUFFIX, 0, SUFFIX.length)
    this.categoryOf.push((POLICE_UK_CATEGORIES as readonly string[]).indexOf(incident.category))
    this.file(incident.month, incident.point, locationField)
  }

  /** A row from the fast path, its fields still bytes of the file; the same encoding as `add`. */
  addEncoded(key: string, fields: FastFields, month: string, point: MapPoint, category: number): void {
    const { bytes } = fields
    this.starts.push(this.encoded.length)
    const encoded = this.encoded.row(COPY_FIELDS).text(SOURCE).latin1(key).textBytes(bytes, fields.categoryStart, fields.categoryEnd).text(PRECISION)
    // An empty range is a missing value, as the general path's text() makes it.
    if (fields.crimeIdStart === fields.crimeIdEnd) encoded.null()
    else encoded.textBytes(bytes, fields.crimeIdStart, fields.crimeIdEnd)
    const locationField = encoded.length
    if (fields.locationStart === fields.locationEnd) encoded.null()
    else encoded.textBytes(bytes, fields.locationStart, fields.locationEnd)
    if (fields.lsoaCodeStart === fields.lsoaCodeEnd) encoded.null()
    else encoded.textBytes(bytes, fields.lsoaCodeStart, fields.lsoaCodeEnd)
    if (fields.outcomeStart === fields.outcomeEnd) encoded.null()
    else encoded.textBytes(bytes, fields.outcomeStart, fields.outcomeEnd)
    encoded.raw(SUFFIX, 0, SUFFIX.length)
    this.categoryOf.push(category)
    this.file(month, point, locationField)
  }

  /** Files the row under its month, point and place; `locationField` is where its Location field is in `encoded`. */
  private file(monthText: string, mapPoint: MapPoint | null, locationField: number): void {
    let month = this.monthIndex.get(monthText)
    if (month === undefined) {
      month = this.months.push(monthText) - 1
      this.monthIndex.set(monthText, month)
    }
    this.monthOf.push(month)
    if (mapPoint === null) {
      // No point, so no counts per point and place: the place is not needed.
      this.pointOf.push(-1)
      this.placeOf.push(-1)
      return
    }
    let point = this.pointIndex.get(mapPoint)
    if (point === undefined) {
      point = this.points.push(mapPoint) - 1
      this.pointIndex.set(mapPoint, point)
    }
    this.pointOf.push(point)
    // A point nearly always has one name, so comparing bytes with its last row's usually settles it without a string.
    let place: number | undefined = this.lastPlaceOfPoint[point]
    if (place === undefined || !this.encoded.sameField(this.lastPlaceFieldOfPoint[point], locationField)) {
      const name = this.encoded.fieldText(locationField)
      let named = this.placeIndex.get(name)
      if (named === undefined) {
        named = this.places.push(name) - 1
        this.placeIndex.set(name, named)
      }
      place = named
      this.lastPlaceOfPoint[point] = place
      this.lastPlaceFieldOfPoint[point] = locationField
    }
    this.placeOf.push(place)
  }

  rowEnd(index: number): number {
    return index + 1 < this.starts.length ? this.starts[index + 1] : this.encoded.length
  }

  /** The row's key as a 'binary' string. */
  key(index: number): string {
    const start = this.starts[index] + KEY_OFFSET
    return this.encoded.view().toString('binary', start, start + KEY_BYTES)
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

/** A Segment in transit between threads. */
export interface SegmentMessage {
  encoded: Uint8Array
  starts: Int32Array
  monthOf: Int32Array
  pointOf: Int32Array
  categoryOf: Int8Array
  placeOf: Int32Array
  months: string[]
  places: (string | null)[]
  lons: Float64Array
  lats: Float64Array
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
 * Nothing here touches the database, so the next file can be read while the previous one is being written. Lines
 * are taken as bytes through the fast path while the file has no quote; from the first quote on, the general CSV
 * reader takes over (a quoted field may hold commas and line breaks).
 */
export async function* readPoliceUkCsv(
  source: ImportSource,
  progress: (bytesRead: number, rowsRead: number) => void,
): AsyncGenerator<Segment, ParseEnd, void> {
  let bytesRead = 0
  const stream = openTextStream(source.path, source.gzip, (bytes) => (bytesRead += bytes))
  const errors: RowError[] = []
  let rowsRead = 0
  let rowsRejected = 0
  let fatal: string | undefined
  let validator: PoliceUkValidator | null = null
  let fastPath: PoliceUkFastPath | null = null
  let headerLength = 0
  /** Rows seen per identity, by the key of the identity's first row (shorter to hash than the identity itself). */
  const ordinals = new Map<string, number>()
  let segment = new Segment()
  const full: Segment[] = []
  const rowAdded = () => {
    if (segment.length >= SEGMENT_ROWS) {
      full.push(segment)
      segment = new Segment()
    }
  }

  const reject = (reason: string, extraRows = 0) => {
    rowsRead++
    rowsRejected += 1 + extraRows
    if (errors.length < MAX_REPORTED_ERRORS) errors.push({ file: source.name, row: rowsRead + 1, reason })
    rowsRead += extraRows
  }

  const onRecord = (record: CsvRecord) => {
    if (fatal) return
    if (record.problem) {
      if (validator === null) fatal = `row 1 (the header): ${record.problem.reason}`
      else reject(record.problem.reason, record.problem.extraRows)
      return
    }
    if (validator === null) {
      const header = Array.from({ length: record.length }, (_, index) => record.field(index)!)
      const { index, missing } = policeUkColumnIndex(header)
      if (missing.length > 0) {
        fatal = `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`
        return
      }
      validator = new PoliceUkValidator(index, header)
      fastPath = new PoliceUkFastPath(index, header.length)
      headerLength = header.length
      return
    }
    const result =
      record.length > headerLength
        ? ({ ok: false, reason: `has ${record.length - headerLength} more field(s) than the header` } as const)
        : validator.validate(record)
    if (!result.ok) {
      reject(result.reason)
      return
    }
    rowsRead++
    // Once a row is bad the file will not land; keep reading only to report every bad row.
    if (rowsRejected > 0) return
    const { incident } = result
    const firstKey = incidentKey(incident.identity, 1)
    const seen = ordinals.get(firstKey)
    ordinals.set(firstKey, (seen ?? 0) + 1)
    segment.add(incident, seen === undefined ? firstKey : incidentKey(incident.identity, seen + 1))
    rowAdded()
  }

  /** Records of the general reader: a byte that is not UTF-8 has become U+FFFD in some field. */
  const onQuotedRecord = (record: CsvRecord) => {
    if (reader.invalidUtf8 && !fatal && !record.problem) {
      for (let index = 0; index < record.length; index++) {
        if (!record.field(index)!.includes('\uFFFD')) continue
        if (validator === null) fatal = NOT_UTF8_HEADER
        else reject(NOT_UTF8)
        return
      }
    }
    onRecord(record)
  }

  /** One line of a quote-free stretch, without its line break; `checked` when its bytes are known to be UTF-8. */
  const onLine = (bytes: Buffer, start: number, end: number, checked: boolean) => {
    if (end > start && bytes[end - 1] === CARRIAGE_RETURN) end--
    if (end === start || fatal) return
    // Checked here, as bytes: the fast path copies them into COPY as they are, and decoding would hide them.
    if (!checked && !isUtf8(bytes.subarray(start, end))) {
      if (validator === null) fatal = NOT_UTF8_HEADER
      else reject(NOT_UTF8)
      return
    }
    if (fastPath !== null && rowsRejected === 0 && fastPath.tryRow(bytes, start, end, ordinals, segment)) {
      rowsRead++
      rowAdded()
      return
    }
    // Without quotes, a line's fields are what lies between its commas.
    onRecord(new ArrayRecord(bytes.toString('utf8', start, end).split(',')))
  }

  const reader = new CsvRecordReader()
  let quoted = false
  let carry: Buffer | null = null
  let first = true
  try {
    for await (const chunk of stream) {
      let bytes = chunk as Buffer
      if (quoted) {
        reader.push(bytes, onQuotedRecord)
      } else {
        if (carry) bytes = Buffer.concat([carry, bytes])
        carry = null
        let position = 0
        if (first && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) position = 3
        first = false
        const quote = bytes.indexOf(QUOTE, position)
        const stretchEnd = quote < 0 ? bytes.length : bytes.lastIndexOf(LINE_FEED, quote) + 1
        // Whole lines end at a line feed, which is never inside a character: one check for all of them, and a check
        // line by line only in a stretch that fails it.
        const linesEnd = stretchEnd > position ? bytes.lastIndexOf(LINE_FEED, stretchEnd - 1) + 1 : position
        const checked = linesEnd <= position || isUtf8(bytes.subarray(position, linesEnd))
        for (;;) {
          const lineEnd = bytes.indexOf(LINE_FEED, position)
          if (lineEnd < 0 || lineEnd >= stretchEnd) break
          onLine(bytes, position, lineEnd, checked)
          position = lineEnd + 1
        }
        if (quote >= 0) {
          quoted = true
          reader.push(bytes.subarray(position), onQuotedRecord)
        } else if (position < bytes.length) {
          carry = bytes.subarray(position)
        }
      }
      if (fatal) break
      progress(bytesRead, rowsRead)
      while (full.length > 0 && rowsRejected === 0) yield full.shift()!
    }
    if (!fatal) {
      if (quoted) reader.end(onQuotedRecord)
      else if (carry) onLine(carry, 0, carry.length, false)
    }
  } catch (error) {
    const readError = error as Error & { code?: string }
    if (readError.code?.startsWith('Z_') || /unexpected end of file/i.test(readError.message)) {
      fatal = `cannot be read: ${readError.message}`
    } else {
      // The file moved, vanished or cannot be opened since it was recognised: that file fails, not the run.
      fatal = unreadableReason(error) ?? undefined
      if (fatal === undefined) throw error
    }
  } finally {
    stream.destroy()
  }
  if (!fatal && validator === null) fatal = 'is empty'
  if (!fatal && rowsRead === 0) fatal = 'has a header but no rows'
  progress(bytesRead, rowsRead)
  if (!fatal && rowsRejected === 0) {
    for (const rest of full) yield rest
    if (segment.length > 0) yield segment
  }
  return { rowsRead, rowsRejected, errors, fatal }
}

