import crypto from 'node:crypto'
import { isKnownCategory } from '../incidents/categories.js'

/** Great Britain's extent with a small margin (Scilly to Shetland, Ardnamurchan to Lowestoft). */
export const GREAT_BRITAIN_BOUNDS = { minLon: -8.75, maxLon: 1.9, minLat: 49.8, maxLat: 60.95 } as const

export const POLICE_UK_COLUMNS = [
  'Crime ID', 'Month', 'Reported by', 'Falls within', 'Longitude', 'Latitude', 'Location',
  'LSOA code', 'LSOA name', 'Crime type', 'Last outcome category', 'Context',
] as const

/** Columns a row cannot be imported without; the rest may be absent from a trimmed export. */
export const POLICE_UK_REQUIRED_COLUMNS = ['Month', 'Longitude', 'Latitude', 'Crime type'] as const

export type PoliceUkRecord = Partial<Record<(typeof POLICE_UK_COLUMNS)[number], string>>

export interface PoliceUkIncident {
  month: string // YYYY-MM
  crimeId: string | null
  lon: number
  lat: number
  location: string | null
  lsoaCode: string | null
  category: string
  outcome: string | null
  /** Digest of the fields that identify the incident; outcome is left out because police.uk updates it. */
  identity: string
}

export type RowResult = { ok: true; incident: PoliceUkIncident } | { ok: false; reason: string }

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/
const DECIMAL = /^-?\d+(\.\d+)?$/

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
  return parsed
}

/** Validates one police.uk street-level row; the reason names the field at fault. */
export function validatePoliceUkRow(record: PoliceUkRecord): RowResult {
  const month = record.Month?.trim() ?? ''
  if (!month) return { ok: false, reason: 'Month is missing' }
  const monthMatch = MONTH.exec(month)
  if (!monthMatch || Number(monthMatch[1]) < 1990) return { ok: false, reason: `Month '${month}' is not a month like 2024-07` }

  const lon = coordinate('Longitude', record.Longitude, GREAT_BRITAIN_BOUNDS.minLon, GREAT_BRITAIN_BOUNDS.maxLon)
  if (typeof lon === 'string') return { ok: false, reason: lon }
  const lat = coordinate('Latitude', record.Latitude, GREAT_BRITAIN_BOUNDS.minLat, GREAT_BRITAIN_BOUNDS.maxLat)
  if (typeof lat === 'string') return { ok: false, reason: lat }

  const category = record['Crime type']?.trim() ?? ''
  if (!category) return { ok: false, reason: 'Crime type is missing' }
  if (!isKnownCategory(category)) return { ok: false, reason: `Crime type '${category}' is not a police.uk category` }

  const crimeId = text(record['Crime ID'])
  const location = text(record.Location)
  const lsoaCode = text(record['LSOA code'])
  const identity = crypto
    .createHash('sha1')
    .update([month, crimeId ?? '', record.Longitude!.trim(), record.Latitude!.trim(), location ?? '', lsoaCode ?? '', category].join('\u001f'))
    .digest('base64url')
  return {
    ok: true,
    incident: { month, crimeId, lon, lat, location, lsoaCode, category, outcome: text(record['Last outcome category']), identity },
  }
}
