// One record of a timed log through a profile's mapping: its values as an incident, or the reason it cannot be one.
// Pure, so that the preview route and the importer reject exactly the same rows for the same reasons.

import crypto from 'node:crypto'
import type { CsvRecord } from '../police-uk/csv-records.js'
import { parseWhen, type Precision } from './parse-when.js'
import { mappedColumns, type ProfileMapping } from './profile-schema.js'

export interface MappedRow {
  reference: string
  /** 16 bytes of the reference's SHA-256, as binary text (incidents.source_key is bytea, as police.uk's). */
  key: string
  category: string
  /** The value the category came from (empty: none given), for the preview. */
  sourceCategory: string
  periodStart: Date
  precision: Precision
  lon: number | null
  lat: number | null
  easting: number | null
  northing: number | null
  address: string | null
  description: string | null
  statedWard: string | null
}

export type MapResult = { ok: true; row: MappedRow } | { ok: false; reason: string; field: string }

/** Great Britain's extent, as the police.uk reader checks it, and the National Grid's. */
const LON = [-8.75, 1.9]
const LAT = [49.8, 60.95]
const EASTING = [0, 700_000]
const NORTHING = [0, 1_300_000]

/** Column positions of a mapping in a header; the missing ones named, so a whole file is refused once, not per row. */
export function columnIndex(header: string[], mapping: ProfileMapping): { index: Map<string, number>; missing: string[] } {
  const index = new Map<string, number>()
  header.forEach((name, at) => {
    const trimmed = name.trim()
    if (!index.has(trimmed)) index.set(trimmed, at)
  })
  return { index, missing: mappedColumns(mapping).filter((column) => !index.has(column)) }
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)$/

function readNumber(text: string | undefined, name: string): number | string {
  const trimmed = text?.trim() ?? ''
  if (trimmed === '') return `${name} is missing`
  if (!NUMBER.test(trimmed)) return `${name} '${trimmed}' is not a number`
  return Number(trimmed)
}

export function referenceKey(reference: string): string {
  return crypto.createHash('sha256').update(reference, 'utf8').digest().subarray(0, 16).toString('binary')
}

/** The record as an incident under `mapping`; `index` from columnIndex (no column missing). */
export function mapRecord(record: CsvRecord, index: Map<string, number>, mapping: ProfileMapping): MapResult {
  if (record.problem) return { ok: false, reason: record.problem.reason, field: 'row' }
  const value = (column: string | undefined) => (column === undefined ? undefined : record.field(index.get(column)!))
  const text = (column: string | undefined) => {
    const found = value(column)?.trim() ?? ''
    return found === '' ? null : found
  }

  const parts = mapping.reference.map((column) => value(column)?.trim() ?? '')
  if (parts.every((part) => part === '')) return { ok: false, reason: `the reference (${mapping.reference.join(' + ')}) is missing`, field: 'reference' }
  const reference = parts.join(' / ')

  const time = mapping.when.time
  const when = parseWhen(
    {
      date: value(mapping.when.date),
      time: time.kind === 'column' ? value(time.column) : undefined,
      hour: time.kind === 'hour-minute' ? value(time.hourColumn) : undefined,
      minute: time.kind === 'hour-minute' ? value(time.minuteColumn) : undefined,
    },
    mapping.when.format,
    time,
  )
  if (!when.ok) return { ok: false, reason: when.reason, field: 'when' }

  let lon: number | null = null
  let lat: number | null = null
  let easting: number | null = null
  let northing: number | null = null
  const position = mapping.position
  if (position.kind === 'lonlat') {
    const x = readNumber(value(position.lon), `longitude (${position.lon})`)
    if (typeof x === 'string') return { ok: false, reason: x, field: 'position' }
    const y = readNumber(value(position.lat), `latitude (${position.lat})`)
    if (typeof y === 'string') return { ok: false, reason: y, field: 'position' }
    if (x < LON[0] || x > LON[1]) return { ok: false, reason: `longitude ${x} is outside Great Britain (${LON[0]} to ${LON[1]})`, field: 'position' }
    if (y < LAT[0] || y > LAT[1]) return { ok: false, reason: `latitude ${y} is outside Great Britain (${LAT[0]} to ${LAT[1]})`, field: 'position' }
    lon = x
    lat = y
  } else if (position.kind === 'bng') {
    const e = readNumber(value(position.easting), `easting (${position.easting})`)
    if (typeof e === 'string') return { ok: false, reason: e, field: 'position' }
    const n = readNumber(value(position.northing), `northing (${position.northing})`)
    if (typeof n === 'string') return { ok: false, reason: n, field: 'position' }
    if (e < EASTING[0] || e > EASTING[1]) return { ok: false, reason: `easting ${e} is outside the National Grid (0 to 700000)`, field: 'position' }
    if (n < NORTHING[0] || n > NORTHING[1]) return { ok: false, reason: `northing ${n} is outside the National Grid (0 to 1300000)`, field: 'position' }
    easting = e
    northing = n
  }
  const statedWard = position.kind === 'unplaced' ? text(position.ward) : null
  if (statedWard !== null && !/^[EWSN]\d{8}$/.test(statedWard)) {
    return { ok: false, reason: `ward code '${statedWard}' is not an ONS code like E05012345`, field: 'position' }
  }

  const sourceCategory = text(mapping.category.column) ?? ''
  const category = mapping.category.map[sourceCategory] ?? mapping.category.default

  return {
    ok: true,
    row: {
      reference, key: referenceKey(reference), category, sourceCategory,
      periodStart: when.when.instant, precision: when.when.precision,
      lon, lat, easting, northing,
      address: text(mapping.address), description: text(mapping.description), statedWard,
    },
  }
}
