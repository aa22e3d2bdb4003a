import { BinaryCopyWriter } from '../../../db/binary-copy.js'
import { POLICE_UK_CATEGORIES } from '../../incidents/categories.js'
import type { FastFields } from './fast-path.js'
import { rowKey, rowTexts, writeRow, writeRowBytes } from './row-layout.js'
import { mapPoint, type MapPoint, type PoliceUkIncident } from './row.js'

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
    const locationField = writeRow(this.encoded, key, incident)
    this.categoryOf.push((POLICE_UK_CATEGORIES as readonly string[]).indexOf(incident.category))
    this.file(incident.month, incident.point, locationField)
  }

  /** A row from the fast path, its fields still bytes of the file; the same encoding as `add`. */
  addEncoded(key: string, fields: FastFields, month: string, point: MapPoint, category: number): void {
    this.starts.push(this.encoded.length)
    const locationField = writeRowBytes(this.encoded, key, fields)
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
    return rowKey(this.encoded.view(), this.starts[index])
  }

  /** The encoded text fields of a row (category … outcome), for the embedded database's INSERT path. */
  textFields(index: number): (string | null)[] {
    return rowTexts(this.encoded.view(), this.starts[index])
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
