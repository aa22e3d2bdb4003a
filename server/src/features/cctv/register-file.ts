import { CAMERA_STATUSES, CAMERA_TYPES, VIEW_PARAMETERS, type CameraStatus, type CameraType, type ViewParameter } from './camera-types.js'
import type { GivenView } from './camera-values.js'
import { columnKey, parseCsvRows } from './csv-rows.js'
import type { RowRejection } from './schemas.js'

/**
 * A camera register file read and checked row by row (nothing here touches the database): the real Trafford
 * register (`camera_id,location,area_name,area_code,lon,lat`), any CSV naming its columns as below, or GeoJSON
 * points with the same names as properties.
 */

/** Each field and the column names it is read from (compared as columnKey makes them). */
const COLUMNS = {
  reference: ['reference', 'camera_id', 'camera_ref', 'ref', 'id', 'asset_id'],
  owner: ['owner', 'operator', 'owner_operator'],
  name: ['name', 'camera_name', 'title'],
  location: ['location', 'address', 'street', 'location_text'],
  statedWard: ['ward', 'ward_name', 'area_name'],
  type: ['type', 'camera_type'],
  status: ['status'],
  lon: ['lon', 'longitude', 'lng', 'long'],
  lat: ['lat', 'latitude'],
  mountingHeightM: ['mounting_height_m', 'mounting_height', 'height_m', 'height'],
  bearingDeg: ['bearing_deg', 'bearing', 'direction'],
  fovDeg: ['fov_deg', 'fov', 'field_of_view', 'angle'],
  rangeM: ['range_m', 'range'],
  radiusM: ['radius_m', 'radius', 'operating_radius_m'],
  deployedFrom: ['deployed_from', 'installed', 'installed_on', 'deployment_date'],
  deployedUntil: ['deployed_until', 'removed_on'],
  notes: ['notes', 'note', 'comments'],
} as const
type Field = keyof typeof COLUMNS

const TYPE_WORDS: Record<string, CameraType> = {
  fixed: 'fixed',
  static: 'fixed',
  ptz: 'ptz',
  'pan-tilt-zoom': 'ptz',
  'pan tilt zoom': 'ptz',
  dome: 'ptz',
  redeployable: 'redeployable',
  're-deployable': 'redeployable',
  mobile: 'redeployable',
  rdc: 'redeployable',
  drone: 'drone',
  uav: 'drone',
}

/** A view value's bounds, as the cameras table checks them. */
const VIEW_BOUNDS: Record<ViewParameter, { min: number; max: number; minOpen?: boolean; maxOpen?: boolean }> = {
  mountingHeightM: { min: 0, max: 500 },
  bearingDeg: { min: 0, max: 360, maxOpen: true },
  fovDeg: { min: 0, max: 360, minOpen: true },
  rangeM: { min: 0, max: 5000, minOpen: true },
  radiusM: { min: 0, max: 20000, minOpen: true },
}

export interface RegisterRow {
  row: number
  reference: string
  owner: string | null
  name: string
  location: string
  statedWard: string | null
  type: CameraType | null
  status: CameraStatus
  given: GivenView
  deployedFrom: string | null
  deployedUntil: string | null
  notes: string
  lon: number
  lat: number
}

export interface RegisterFile {
  format: 'csv' | 'geojson'
  rowsRead: number
  rows: RegisterRow[]
  errors: RowRejection[]
  /** The file as a whole cannot be read (no header, not GeoJSON, a missing column). */
  fatal: string | null
}

type Lookup = (field: Field) => string | undefined

const DAY = /^(19|20|21)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/
/** Control characters but line breaks and tabs, as the request rules refuse them (PostgreSQL refuses U+0000). */
const CONTROL = { test: (value: string) => [...value].some((char) => { const code = char.charCodeAt(0); return (code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 127 }) }

function realDay(value: string): boolean {
  if (!DAY.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return date.toISOString().slice(0, 10) === value
}

/** One row's fields checked; a list of what is wrong, or the row. */
function readRow(row: number, get: Lookup): RegisterRow | string[] {
  const problems: string[] = []
  const text = (field: Field, max: number): string => {
    const value = (get(field) ?? '').trim()
    if (CONTROL.test(value)) problems.push(`${field} holds a control character`)
    if (value.length > max) problems.push(`${field} is longer than ${max} characters`)
    return value
  }
  const reference = text('reference', 100)
  if (!reference) problems.push('reference is empty')
  const owner = text('owner', 200) || null
  const location = text('location', 500)
  const name = text('name', 200) || location.slice(0, 200) || reference
  const statedWard = text('statedWard', 200) || null
  const typeText = text('type', 50).toLowerCase()
  const type = typeText ? TYPE_WORDS[typeText] ?? null : null
  if (typeText && !type) problems.push(`type '${typeText}' is not one of ${CAMERA_TYPES.join(', ')}`)
  const statusText = text('status', 50).toLowerCase()
  const status = (statusText || 'working') as CameraStatus
  if (!CAMERA_STATUSES.includes(status)) problems.push(`status '${statusText}' is not one of ${CAMERA_STATUSES.join(', ')}`)
  const number = (field: Field, label: string): number | null => {
    const value = text(field, 50)
    if (value === '') return null
    const parsed = Number(value)
    if (!Number.isFinite(parsed)) {
      problems.push(`${label} '${value}' is not a number`)
      return null
    }
    return parsed
  }
  const lon = number('lon', 'longitude')
  const lat = number('lat', 'latitude')
  if (lon === null && get('lon') !== undefined && (get('lon') ?? '').trim() === '') problems.push('longitude is empty')
  if (lat === null && get('lat') !== undefined && (get('lat') ?? '').trim() === '') problems.push('latitude is empty')
  if (lon !== null && (lon < -180 || lon > 180)) problems.push(`longitude ${lon} is outside -180 to 180`)
  if (lat !== null && (lat < -90 || lat > 90)) problems.push(`latitude ${lat} is outside -90 to 90`)
  if (lon === 0 && lat === 0) problems.push('the position is 0, 0 (a missing position)')
  const given: GivenView = {}
  for (const parameter of VIEW_PARAMETERS) {
    const value = number(parameter, parameter)
    if (value === null) continue
    const bounds = VIEW_BOUNDS[parameter]
    const low = bounds.minOpen ? value <= bounds.min : value < bounds.min
    const high = bounds.maxOpen ? value >= bounds.max : value > bounds.max
    if (low || high) problems.push(`${parameter} ${value} is outside ${bounds.min} to ${bounds.max}`)
    else given[parameter] = value
  }
  const day = (field: Field): string | null => {
    const value = text(field, 10)
    if (value === '') return null
    if (!realDay(value)) problems.push(`${field} '${value}' is not a day (YYYY-MM-DD)`)
    return value
  }
  const deployedFrom = day('deployedFrom')
  const deployedUntil = day('deployedUntil')
  if (deployedFrom && deployedUntil && deployedUntil < deployedFrom) problems.push(`deployedUntil ${deployedUntil} is before deployedFrom ${deployedFrom}`)
  const notes = text('notes', 5000)
  if (problems.length > 0 || lon === null || lat === null) return problems.length > 0 ? problems : ['the position is missing']
  return { row, reference, owner, name, location, statedWard, type, status, given, deployedFrom, deployedUntil, notes, lon, lat }
}

/** The second and later rows naming the same owner's reference are refused: a register holds each camera once. */
function refuseRepeats(rows: RegisterRow[], errors: RowRejection[], owner: string): RegisterRow[] {
  const seen = new Map<string, number>()
  return rows.filter((entry) => {
    const key = `${(entry.owner ?? owner).toLowerCase()}\u0000${entry.reference}`
    const first = seen.get(key)
    if (first !== undefined) {
      errors.push({ row: entry.row, reason: `reference ${entry.reference} repeats row ${first}` })
      return false
    }
    seen.set(key, entry.row)
    return true
  })
}

function readCsv(content: string, owner: string): RegisterFile {
  const { rows, problem } = parseCsvRows(content)
  const base = { format: 'csv' as const, rowsRead: Math.max(0, rows.length - 1), rows: [], errors: [] }
  if (problem) return { ...base, fatal: problem }
  if (rows.length === 0) return { ...base, fatal: 'the file is empty' }
  const header = rows[0].fields.map(columnKey)
  const index = {} as Record<Field, number>
  for (const field of Object.keys(COLUMNS) as Field[]) index[field] = header.findIndex((name) => (COLUMNS[field] as readonly string[]).includes(name))
  const missing = (['reference', 'lon', 'lat'] as Field[]).filter((field) => index[field] < 0)
  if (missing.length > 0) {
    return { ...base, fatal: `no ${missing.map((field) => COLUMNS[field].slice(0, 2).join(' or ')).join(', no ')} column (the header is row 1)` }
  }
  const errors: RowRejection[] = []
  const accepted: RegisterRow[] = []
  for (const { row, fields } of rows.slice(1)) {
    if (fields.length !== header.length) {
      errors.push({ row, reason: `${fields.length} fields where the header has ${header.length}` })
      continue
    }
    const read = readRow(row, (field) => (index[field] < 0 ? undefined : fields[index[field]]))
    if (Array.isArray(read)) errors.push({ row, reason: read.join('; ') })
    else accepted.push(read)
  }
  return { ...base, rows: refuseRepeats(accepted, errors, owner).sort((a, b) => a.row - b.row), errors: errors.sort((a, b) => a.row - b.row), fatal: null }
}

function readGeoJson(content: string, owner: string): RegisterFile {
  const base = { format: 'geojson' as const, rowsRead: 0, rows: [], errors: [] }
  let parsed: unknown
  try {
    parsed = JSON.parse(content)
  } catch (error) {
    return { ...base, fatal: `not JSON: ${(error as Error).message}` }
  }
  const collection = parsed as { type?: unknown; features?: unknown }
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) return { ...base, fatal: 'not a GeoJSON FeatureCollection' }
  const errors: RowRejection[] = []
  const accepted: RegisterRow[] = []
  collection.features.forEach((feature: { geometry?: { type?: unknown; coordinates?: unknown }; properties?: Record<string, unknown> | null }, position) => {
    const row = position + 1
    const geometry = feature?.geometry
    const coordinates = geometry?.coordinates
    if (geometry?.type !== 'Point' || !Array.isArray(coordinates) || coordinates.length < 2 || !coordinates.slice(0, 2).every((value) => typeof value === 'number')) {
      errors.push({ row, reason: 'the geometry is not a Point with a longitude and latitude' })
      return
    }
    const properties = Object.fromEntries(Object.entries(feature.properties ?? {}).map(([key, value]) => [columnKey(key), value]))
    const get: Lookup = (field) => {
      if (field === 'lon') return String(coordinates[0])
      if (field === 'lat') return String(coordinates[1])
      const name = COLUMNS[field].find((each) => properties[each] !== undefined && properties[each] !== null)
      if (name === undefined) return undefined
      const value = properties[name]
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value)
    }
    const read = readRow(row, get)
    if (Array.isArray(read)) errors.push({ row, reason: read.join('; ') })
    else accepted.push(read)
  })
  return { ...base, rowsRead: collection.features.length, rows: refuseRepeats(accepted, errors, owner), errors: errors.sort((a, b) => a.row - b.row), fatal: null }
}

/** GeoJSON when the text opens with `{`, else CSV. */
export function readRegisterFile(content: string, owner: string): RegisterFile {
  return content.trimStart().startsWith('{') ? readGeoJson(content, owner) : readCsv(content, owner)
}

export interface ActivityRow {
  row: number
  reference: string
  owner: string | null
  month: string
  incidentsSpotted: number
  assistedArrests: number
  footageRequests: number
}

const ACTIVITY_COLUMNS = {
  reference: COLUMNS.reference,
  owner: COLUMNS.owner,
  month: ['month', 'period'],
  incidentsSpotted: ['incidents_spotted', 'incidents', 'spotted'],
  assistedArrests: ['assisted_arrests', 'arrests'],
  footageRequests: ['footage_requests', 'requests', 'footage'],
} as const
type ActivityField = keyof typeof ACTIVITY_COLUMNS
const MONTH = /^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/

/** A camera activity CSV: one row per camera and month (YYYY-MM), three counts. */
export function readActivityFile(content: string): { rowsRead: number; rows: ActivityRow[]; errors: RowRejection[]; fatal: string | null } {
  const { rows, problem } = parseCsvRows(content)
  const base = { rowsRead: Math.max(0, rows.length - 1), rows: [] as ActivityRow[], errors: [] as RowRejection[] }
  if (problem) return { ...base, fatal: problem }
  if (rows.length === 0) return { ...base, fatal: 'the file is empty' }
  const header = rows[0].fields.map(columnKey)
  const index = {} as Record<ActivityField, number>
  for (const field of Object.keys(ACTIVITY_COLUMNS) as ActivityField[]) index[field] = header.findIndex((name) => (ACTIVITY_COLUMNS[field] as readonly string[]).includes(name))
  const missing = (Object.keys(ACTIVITY_COLUMNS) as ActivityField[]).filter((field) => field !== 'owner' && index[field] < 0)
  if (missing.length > 0) return { ...base, fatal: `no ${missing.map((field) => ACTIVITY_COLUMNS[field][0]).join(', no ')} column (the header is row 1)` }
  const seen = new Map<string, number>()
  for (const { row, fields } of rows.slice(1)) {
    if (fields.length !== header.length) {
      base.errors.push({ row, reason: `${fields.length} fields where the header has ${header.length}` })
      continue
    }
    const get = (field: ActivityField) => (index[field] < 0 ? '' : fields[index[field]].trim())
    const problems: string[] = []
    const reference = get('reference')
    if (!reference) problems.push('reference is empty')
    if (reference.length > 100 || CONTROL.test(reference)) problems.push('reference is not a camera reference')
    const owner = get('owner') || null
    const month = get('month')
    if (!MONTH.test(month)) problems.push(`month '${month}' is not a month (YYYY-MM)`)
    const count = (field: ActivityField): number => {
      const value = get(field)
      if (!/^\d{1,6}$/.test(value) || Number(value) > 100000) {
        problems.push(`${ACTIVITY_COLUMNS[field][0]} '${value}' is not a whole number from 0 to 100000`)
        return 0
      }
      return Number(value)
    }
    const figures = { incidentsSpotted: count('incidentsSpotted'), assistedArrests: count('assistedArrests'), footageRequests: count('footageRequests') }
    const key = `${owner ?? ''}\u0000${reference}\u0000${month}`
    if (problems.length === 0 && seen.has(key)) problems.push(`camera ${reference} in ${month} repeats row ${seen.get(key)}`)
    if (problems.length > 0) {
      base.errors.push({ row, reason: problems.join('; ') })
      continue
    }
    seen.set(key, row)
    base.rows.push({ row, reference, owner, month, ...figures })
  }
  return { ...base, fatal: null }
}
