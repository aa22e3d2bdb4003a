import crypto from 'node:crypto'
import { POLICE_UK_CATEGORIES } from '../../incidents/categories.js'
import { GREAT_BRITAIN_BOUNDS, MAX_FIELD_CHARS, mapPoint, mapPointByMicro, type MapPoint, type PoliceUkColumnIndex } from './row.js'

/** What a row written by the fast path hands on: where to file it. */
export interface FastRow {
  /** The first-ordinal key of the row's identity ('binary' string), for counting identical rows. */
  firstKey: string
  month: string
  point: MapPoint
}

/** Receives the fast path's rows; the segment writes their fields as the fast path reads them. */
export interface FastRowSink {
  /** Writes the row's key and fields (binary COPY) and files it under its month, point and category (its index in POLICE_UK_CATEGORIES). */
  addEncoded(key: string, fields: FastFields, month: string, point: MapPoint, category: number): void
}

/** Byte ranges of a row's text fields in the line; an empty range is a missing value. */
export interface FastFields {
  bytes: Buffer
  categoryStart: number
  categoryEnd: number
  crimeIdStart: number
  crimeIdEnd: number
  locationStart: number
  locationEnd: number
  lsoaCodeStart: number
  lsoaCodeEnd: number
  outcomeStart: number
  outcomeEnd: number
}

const COMMA = 44
const MINUS = 45
const DOT = 46
const ZERO = 48
const NINE = 57
const UNIT_SEPARATOR = 0x1f
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, power) => 10 ** power)
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1')

const isAsciiSpace = (byte: number) => byte === 32 || (byte >= 9 && byte <= 13)

/**
 * police.uk rows read straight from the decompressed bytes, for lines without quotes: validated, keyed and encoded
 * for COPY without building strings for their fields, several times cheaper than the general path, whose results it
 * reproduces byte for byte (fast-path.test.ts). Anything it is not sure of (a doubtful field, any error,
 * text that JavaScript might trim differently) it leaves to the general path, having written nothing.
 */
export class PoliceUkFastPath {
  private readonly starts: Int32Array
  private readonly ends: Int32Array
  private scratch = Buffer.allocUnsafe(1024)
  private readonly floats = new DataView(new ArrayBuffer(8))
  private readonly months = new Map<number, string>()
  private readonly categories = new Map<string, number>()
  private readonly fields: FastFields = {
    bytes: Buffer.alloc(0), categoryStart: 0, categoryEnd: 0, crimeIdStart: 0, crimeIdEnd: 0, locationStart: 0,
    locationEnd: 0, lsoaCodeStart: 0, lsoaCodeEnd: 0, outcomeStart: 0, outcomeEnd: 0,
  }
  // Trimmed bounds of the field last asked for.
  private fieldStart = 0
  private fieldEnd = 0
  /** The last decimal in millionths of a degree, when it has at most six decimals; else NaN. */
  private micro = NaN

  constructor(
    private readonly columns: PoliceUkColumnIndex,
    private readonly headerLength: number,
  ) {
    this.starts = new Int32Array(headerLength + 1)
    this.ends = new Int32Array(headerLength + 1)
  }

  /**
   * Reads the record in bytes[start, end) (one line, no quotes, no line break) and, when it is a plain valid row,
   * writes it to `sink` with its key and returns true. `ordinals` counts identical rows of the file.
   */
  tryRow(bytes: Buffer, start: number, end: number, ordinals: Map<string, number>, sink: FastRowSink): boolean {
    const { starts, ends, columns } = this
    let count = 0
    starts[0] = start
    for (let index = start; index < end; index++) {
      if (bytes[index] !== COMMA) continue
      ends[count++] = index
      if (count >= this.headerLength) return false
      starts[count] = index + 1
    }
    ends[count++] = end
    // A field's bytes are at least its characters: any longer than the limit goes to the general path to be measured.
    for (let field = 0; field < count; field++) if (ends[field] - starts[field] > MAX_FIELD_CHARS) return false

    if (!this.field(bytes, columns.month, count) || this.fieldEnd - this.fieldStart !== 7) return false
    const month = this.month(bytes, this.fieldStart)
    if (month === null) return false
    const monthStart = this.fieldStart

    if (!this.field(bytes, columns.lon, count)) return false
    const lon = this.decimal(bytes, this.fieldStart, this.fieldEnd) + 0
    if (!(lon >= GREAT_BRITAIN_BOUNDS.minLon && lon <= GREAT_BRITAIN_BOUNDS.maxLon)) return false
    const lonMicro = this.micro
    if (!this.field(bytes, columns.lat, count)) return false
    const lat = this.decimal(bytes, this.fieldStart, this.fieldEnd) + 0
    if (!(lat >= GREAT_BRITAIN_BOUNDS.minLat && lat <= GREAT_BRITAIN_BOUNDS.maxLat)) return false
    const latMicro = this.micro

    if (!this.field(bytes, columns.category, count) || this.fieldEnd === this.fieldStart) return false
    const fields = this.fields
    fields.bytes = bytes
    fields.categoryStart = this.fieldStart
    fields.categoryEnd = this.fieldEnd
    const category = this.categoryIndex(bytes, fields.categoryStart, fields.categoryEnd)
    if (category < 0) return false
    if (!this.optionalField(bytes, columns.crimeId, count)) return false
    fields.crimeIdStart = this.fieldStart
    fields.crimeIdEnd = this.fieldEnd
    if (!this.optionalField(bytes, columns.location, count)) return false
    fields.locationStart = this.fieldStart
    fields.locationEnd = this.fieldEnd
    if (!this.optionalField(bytes, columns.lsoaCode, count)) return false
    fields.lsoaCodeStart = this.fieldStart
    fields.lsoaCodeEnd = this.fieldEnd
    if (!this.optionalField(bytes, columns.outcome, count)) return false
    fields.outcomeStart = this.fieldStart
    fields.outcomeEnd = this.fieldEnd

    // The identity as row.ts builds it: month, crime ID, coordinates' float bytes in hex, location, LSOA,
    // category, separated by U+001F, then the ordinal.
    const length = 7 + (fields.crimeIdEnd - fields.crimeIdStart) + (fields.locationEnd - fields.locationStart) +
      (fields.lsoaCodeEnd - fields.lsoaCodeStart) + (fields.categoryEnd - fields.categoryStart) + 32 + 7 + 12
    if (this.scratch.length < length) this.scratch = Buffer.allocUnsafe(length * 2)
    const scratch = this.scratch
    let at = this.copy(scratch, 0, bytes, monthStart, monthStart + 7)
    scratch[at++] = UNIT_SEPARATOR
    at = this.copy(scratch, at, bytes, fields.crimeIdStart, fields.crimeIdEnd)
    scratch[at++] = UNIT_SEPARATOR
    at = this.hex(scratch, at, lon)
    scratch[at++] = UNIT_SEPARATOR
    at = this.hex(scratch, at, lat)
    scratch[at++] = UNIT_SEPARATOR
    at = this.copy(scratch, at, bytes, fields.locationStart, fields.locationEnd)
    scratch[at++] = UNIT_SEPARATOR
    at = this.copy(scratch, at, bytes, fields.lsoaCodeStart, fields.lsoaCodeEnd)
    scratch[at++] = UNIT_SEPARATOR
    at = this.copy(scratch, at, bytes, fields.categoryStart, fields.categoryEnd)
    scratch[at++] = UNIT_SEPARATOR
    const identityEnd = at
    scratch[at++] = ZERO + 1
    const firstKey = crypto.hash('sha256', scratch.subarray(0, at), 'binary').slice(0, 16)
    const seen = ordinals.get(firstKey)
    ordinals.set(firstKey, (seen ?? 0) + 1)
    let key = firstKey
    if (seen !== undefined) {
      const ordinal = String(seen + 1)
      at = identityEnd + scratch.write(ordinal, identityEnd, 'latin1')
      key = crypto.hash('sha256', scratch.subarray(0, at), 'binary').slice(0, 16)
    }
    const point = lonMicro === lonMicro && latMicro === latMicro ? mapPointByMicro(lonMicro, latMicro, lon, lat) : mapPoint(lon, lat)
    sink.addEncoded(key, fields, month, point, category)
    return true
  }

  /** Sets fieldStart/End to the trimmed bounds of a present field; false when the column is absent or doubtful. */
  private field(bytes: Buffer, column: number, count: number): boolean {
    if (column < 0 || column >= count) return false
    let start = this.starts[column]
    let end = this.ends[column]
    while (start < end && isAsciiSpace(bytes[start])) start++
    while (end > start && isAsciiSpace(bytes[end - 1])) end--
    // JavaScript's trim also removes Unicode spaces, which start or end with a byte over 0x7f: leave those rows to it.
    if (start < end && (bytes[start] > 0x7f || bytes[end - 1] > 0x7f)) return false
    this.fieldStart = start
    this.fieldEnd = end
    return true
  }

  /** A field that may be absent from the file (an empty range) or empty (null). */
  private optionalField(bytes: Buffer, column: number, count: number): boolean {
    if (column < 0 || column >= count) {
      this.fieldStart = this.fieldEnd = 0
      return true
    }
    return this.field(bytes, column, count)
  }

  /** The month text when bytes[start, start+7) is YYYY-MM from 1990 on, else null. */
  private month(bytes: Buffer, start: number): string | null {
    let year = 0
    for (let index = start; index < start + 4; index++) {
      const byte = bytes[index]
      if (byte < ZERO || byte > NINE) return null
      year = year * 10 + byte - ZERO
    }
    const tens = bytes[start + 5] - ZERO
    const units = bytes[start + 6] - ZERO
    if (bytes[start + 4] !== MINUS || tens < 0 || tens > 1 || units < 0 || units > 9) return null
    const month = tens * 10 + units
    if (month < 1 || month > 12 || year < 1990) return null
    const code = year * 100 + month
    let text = this.months.get(code)
    if (text === undefined) this.months.set(code, (text = bytes.toString('latin1', start, start + 7)))
    return text
  }

  /**
   * The value of a plain decimal (-?digits[.digits], as the general path's pattern) with at most 15 significant
   * digits, else NaN. An integer below 2^53 divided by an exact power of ten rounds once, correctly: the same double
   * that Number() gives for the text.
   */
  private decimal(bytes: Buffer, start: number, end: number): number {
    let index = start
    const negative = bytes[index] === MINUS
    if (negative) index++
    let significant = 0
    let value = 0
    let integerDigits = 0
    let fraction = -1
    for (; index < end; index++) {
      const byte = bytes[index]
      if (byte === DOT) {
        if (fraction >= 0 || integerDigits === 0) return NaN
        fraction = 0
        continue
      }
      if (byte < ZERO || byte > NINE) return NaN
      value = value * 10 + byte - ZERO
      if (value > 0) significant++
      if (fraction >= 0) fraction++
      else integerDigits++
    }
    if (fraction === 0 || integerDigits === 0 || significant > 15) return NaN
    const decimals = fraction > 0 ? fraction : 0
    // value / 10^decimals and value·10^(6−decimals) / 10^6 are the same rational, so the same double.
    this.micro = decimals <= 6 ? (negative ? -value : value) * POWERS_OF_TEN[6 - decimals] : NaN
    const scaled = decimals > 0 ? value / POWERS_OF_TEN[decimals] : value
    return negative ? -scaled : scaled
  }

  /** The category's index in POLICE_UK_CATEGORIES, or -1 when it is not one of them. */
  private categoryIndex(bytes: Buffer, start: number, end: number): number {
    const name = bytes.toString('latin1', start, end)
    let index = this.categories.get(name)
    if (index === undefined) this.categories.set(name, (index = (POLICE_UK_CATEGORIES as readonly string[]).indexOf(name)))
    return index
  }

  private copy(target: Buffer, at: number, source: Buffer, start: number, end: number): number {
    for (let index = start; index < end; index++) target[at++] = source[index]
    return at
  }

  /** The double's IEEE 754 bytes in hex, as float8send gives them. */
  private hex(target: Buffer, at: number, value: number): number {
    this.floats.setFloat64(0, value + 0)
    for (let index = 0; index < 8; index++) {
      const byte = this.floats.getUint8(index)
      target[at++] = HEX_DIGITS[byte >> 4]
      target[at++] = HEX_DIGITS[byte & 15]
    }
    return at
  }
}
