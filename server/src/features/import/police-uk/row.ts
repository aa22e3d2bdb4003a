import crypto from 'node:crypto'
import { isKnownCategory } from '../../incidents/categories.js'
import { ArrayRecord, type CsvRecord } from './csv-records.js'

/** Great Britain's extent with a small margin (Scilly to Shetland, Ardnamurchan to Lowestoft). */
export const GREAT_BRITAIN_BOUNDS = { minLon: -8.75, maxLon: 1.9, minLat: 49.8, maxLat: 60.95 } as const

export const POLICE_UK_COLUMNS = [
  'Crime ID', 'Month', 'Reported by', 'Falls within', 'Longitude', 'Latitude', 'Location',
  'LSOA code', 'LSOA name', 'Crime type', 'Last outcome category', 'Context',
] as const

/** Columns a row cannot be imported without; the rest may be absent from a trimmed export. */
export const POLICE_UK_REQUIRED_COLUMNS = ['Month', 'Longitude', 'Latitude', 'Crime type'] as const

export type PoliceUkRecord = Partial<Record<(typeof POLICE_UK_COLUMNS)[number], string>>

/** A map point; the same object for every row at the same coordinates (while mapPoint's cache holds them). */
export interface MapPoint {
  readonly lon: number
  readonly lat: number
}

export interface PoliceUkIncident {
  month: string // YYYY-MM
  crimeId: string | null
  /** Null for a row police.uk gives no location (empty coordinates, Location "No location"). */
  lon: number | null
  lat: number | null
  point: MapPoint | null
  location: string | null
  lsoaCode: string | null
  category: string
  outcome: string | null
  /**
   * The fields that identify the incident, as one string; outcome is left out because police.uk updates it. Rows with
   * the same identity are told apart by their ordinal in the file (see `incidentKey`).
   */
  identity: string
}

export type RowResult = { ok: true; incident: PoliceUkIncident } | { ok: false; reason: string }

/** Where each field sits in a file's records; -1 when the file has no such column. */
export interface PoliceUkColumnIndex {
  month: number
  crimeId: number
  lon: number
  lat: number
  location: number
  lsoaCode: number
  category: number
  outcome: number
}

/** The column positions of a header row, and the required columns it lacks. */
export function policeUkColumnIndex(header: readonly string[]): { index: PoliceUkColumnIndex; missing: string[] } {
  const at = (name: (typeof POLICE_UK_COLUMNS)[number]) => header.indexOf(name)
  return {
    index: {
      month: at('Month'), crimeId: at('Crime ID'), lon: at('Longitude'), lat: at('Latitude'), location: at('Location'),
      lsoaCode: at('LSOA code'), category: at('Crime type'), outcome: at('Last outcome category'),
    },
    missing: POLICE_UK_REQUIRED_COLUMNS.filter((column) => !header.includes(column)),
  }
}

/**
 * The longest any field may be, in characters. police.uk's longest are the 64-character crime IDs and outcome
 * categories of about 60; a field far past that is a broken file (an unclosed quote, a pasted document), and would be
 * stored and served back whole.
 */
export const MAX_FIELD_CHARS = 200
/** police.uk's Location for a crime it gives no map point. */
export const NO_LOCATION = 'No location'

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/
const DECIMAL = /^-?\d+(\.\d+)?$/
export const UNIT_SEPARATOR = '\u001f'

function text(value: string | undefined): string | null {
  const trimmed = value?.trim()
  return trimmed ? trimmed : null
}

function coordinate(name: string, raw: string | undefined, min: number, max: number): number | string {
  const value = raw?.trim()
  if (!value) return `${name} is missing`
  if (!DECIMAL.test(value)) return `${name} '${value}' is not a number`
  const parsed = Number(value)
  if (parsed < min || parsed > max) return `${name} ${value} is outside Great Britain (${min} to ${max})`
  // -0 would hash differently from the 0 that PostgreSQL stores.
  return parsed + 0
}

const floatView = new DataView(new ArrayBuffer(8))

/** The IEEE 754 bytes of a coordinate in hex, as PostgreSQL's `encode(float8send(x), 'hex')` writes them. */
function float8Hex(value: number): string {
  floatView.setFloat64(0, value)
  return floatView.getUint32(0).toString(16).padStart(8, '0') + floatView.getUint32(4).toString(16).padStart(8, '0')
}

/** A coordinate's checked value, or the reason it fails. */
type Coordinate = CheckedCoordinate | string
interface CheckedCoordinate {
  value: number
  hex: string
}

const pointsByMicro = new Map<number, Map<number, MapPoint>>()
const pointsByValue = new Map<number, Map<number, MapPoint>>()
let pointCount = 0

/** The coordinate in millionths of a degree when that is exactly the double (police.uk writes six decimals), else NaN. */
function micro(value: number): number {
  const millionths = Math.round(value * 1e6)
  return millionths / 1e6 === value ? millionths : NaN
}

function pointIn(registry: Map<number, Map<number, MapPoint>>, lonKey: number, latKey: number, lon: number, lat: number): MapPoint {
  let byLat = registry.get(lonKey)
  if (byLat === undefined) {
    if (pointCount >= CACHE_LIMIT) {
      pointsByMicro.clear()
      pointsByValue.clear()
      pointCount = 0
    }
    registry.set(lonKey, (byLat = new Map()))
  }
  let point = byLat.get(latKey)
  if (point === undefined) {
    byLat.set(latKey, (point = { lon, lat }))
    pointCount++
  }
  return point
}

/**
 * The one MapPoint object for these coordinates, so rows can be grouped by point without building keys. Keyed by
 * whole millionths of a degree where they are exact (small integers make fast map keys), else by the double itself.
 */
export function mapPoint(lon: number, lat: number): MapPoint {
  const lonMicro = micro(lon)
  const latMicro = micro(lat)
  return lonMicro === lonMicro && latMicro === latMicro
    ? pointIn(pointsByMicro, lonMicro, latMicro, lon, lat)
    : pointIn(pointsByValue, lon, lat, lon, lat)
}

/** mapPoint for coordinates already known in millionths (exactly: the doubles are lonMicro / 1e6 and latMicro / 1e6). */
export function mapPointByMicro(lonMicro: number, latMicro: number, lon: number, lat: number): MapPoint {
  return pointIn(pointsByMicro, lonMicro, latMicro, lon, lat)
}

/** Checked coordinate and month texts, shared by every file: police.uk repeats a few thousand map points. */
export const CACHE_LIMIT = 200_000
const checkedLons = new Map<string, Coordinate>()
const checkedLats = new Map<string, Coordinate>()
const checkedMonths = new Map<string, string | null>()

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= CACHE_LIMIT) cache.clear()
  cache.set(key, value)
  return value
}

/** Validates police.uk records of one file (given its column positions), checking each distinct text once. */
export class PoliceUkValidator {
  private readonly lons = checkedLons
  private readonly lats = checkedLats
  private readonly months = checkedMonths

  /** `header` names the columns in the reasons for fields that are too long. */
  constructor(
    private readonly columns: PoliceUkColumnIndex,
    private readonly header: readonly string[],
  ) {}

  /** Checks one record; the reason names the field at fault. */
  validate(record: CsvRecord): RowResult {
    for (let index = 0; index < record.length; index++) {
      if ((record.field(index)?.length ?? 0) > MAX_FIELD_CHARS) {
        return { ok: false, reason: `${this.header[index] ?? `Column ${index + 1}`} is longer than ${MAX_FIELD_CHARS} characters` }
      }
    }
    const month = record.field(this.columns.month)?.trim() ?? ''
    let monthError = this.months.get(month)
    if (monthError === undefined) monthError = remember(this.months, month, checkMonth(month))
    if (monthError) return { ok: false, reason: monthError }

    const location = text(record.field(this.columns.location))
    const lonText = record.field(this.columns.lon)
    const latText = record.field(this.columns.lat)
    // police.uk's rows without a map point: both coordinates empty and the Location saying so. Anything else without
    // coordinates is a broken row.
    const unlocated = location === NO_LOCATION && !lonText?.trim() && !latText?.trim()
    const lon = unlocated ? null : this.coordinate(this.lons, 'Longitude', lonText, GREAT_BRITAIN_BOUNDS.minLon, GREAT_BRITAIN_BOUNDS.maxLon)
    if (typeof lon === 'string') return { ok: false, reason: lon }
    const lat = unlocated ? null : this.coordinate(this.lats, 'Latitude', latText, GREAT_BRITAIN_BOUNDS.minLat, GREAT_BRITAIN_BOUNDS.maxLat)
    if (typeof lat === 'string') return { ok: false, reason: lat }

    const category = record.field(this.columns.category)?.trim() ?? ''
    if (!category) return { ok: false, reason: 'Crime type is missing' }
    if (!isKnownCategory(category)) return { ok: false, reason: `Crime type '${category}' is not a police.uk category` }

    const crimeId = text(record.field(this.columns.crimeId))
    const lsoaCode = text(record.field(this.columns.lsoaCode))
    // Coordinates enter as their exact bytes, so the database can recompute the same identity from stored values
    // (police_uk_incident_key in migration 002), whatever decimals the file wrote them with; no point, no bytes (006).
    const identity =
      month + UNIT_SEPARATOR + (crimeId ?? '') + UNIT_SEPARATOR + (lon?.hex ?? '') + UNIT_SEPARATOR + (lat?.hex ?? '') + UNIT_SEPARATOR +
      (location ?? '') + UNIT_SEPARATOR + (lsoaCode ?? '') + UNIT_SEPARATOR + category
    return {
      ok: true,
      incident: {
        month, crimeId, lon: lon?.value ?? null, lat: lat?.value ?? null, point: lon && lat ? mapPoint(lon.value, lat.value) : null,
        location, lsoaCode, category,
        outcome: text(record.field(this.columns.outcome)), identity,
      },
    }
  }

  private coordinate(cache: Map<string, Coordinate>, name: string, raw: string | undefined, min: number, max: number): Coordinate {
    if (raw === undefined) return `${name} is missing`
    const checked = cache.get(raw)
    if (checked !== undefined) return checked
    const value = coordinate(name, raw, min, max)
    return remember(cache, raw, typeof value === 'string' ? value : { value, hex: float8Hex(value) })
  }
}

function checkMonth(month: string): string | null {
  if (!month) return 'Month is missing'
  const monthMatch = MONTH.exec(month)
  if (!monthMatch || Number(monthMatch[1]) < 1990) return `Month '${month}' is not a month like 2024-07`
  return null
}

const RECORD_COLUMNS = policeUkColumnIndex(POLICE_UK_COLUMNS).index

/** Validates one police.uk street-level row given by column name; the reason names the field at fault. */
export function validatePoliceUkRow(record: PoliceUkRecord): RowResult {
  return new PoliceUkValidator(RECORD_COLUMNS, POLICE_UK_COLUMNS).validate(new ArrayRecord(POLICE_UK_COLUMNS.map((column) => record[column])))
}

/**
 * The row key that makes re-import safe: the first 16 bytes of SHA-256 over the identity and the row's ordinal among
 * identical rows of its file (identical ASB rows are separate incidents and carry no ID). Migration 002's
 * police_uk_incident_key computes the same from stored rows. A 'binary' string (one character per byte), not a Buffer:
 * a quarter of a million small Buffers cost more in garbage collection than the hashing itself.
 */
export function incidentKey(identity: string, ordinal: number): string {
  return crypto.hash('sha256', `${identity}${UNIT_SEPARATOR}${ordinal}`, 'binary').slice(0, 16)
}
