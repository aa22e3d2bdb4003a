// The column mapping of a timed incident log, saved as a named import profile (table import_profiles, migration 016).
// TypeBox, so the API checks it, the client imports its type, and the importer checks a stored one the same way.

import { Type, type Static } from 'typebox'
import { Value } from 'typebox/value'
import { literalUnion } from '../../../lib/literal-union.js'
import { DATE_FORMATS } from './parse-when.js'

const Column = Type.String({ minLength: 1, maxLength: 200, description: 'a column name exactly as in the file\u2019s header' })
const CategoryName = Type.String({ minLength: 1, maxLength: 100, description: 'a Patrolmap category name' })

export const TimeSourceSchema = Type.Union([
  Type.Object({ kind: Type.Literal('in-date') }, { additionalProperties: false, description: 'the time, if any, is in the date column' }),
  Type.Object({ kind: Type.Literal('column'), column: Column }, { additionalProperties: false, description: 'a time column: hh:mm[:ss] [AM|PM]' }),
  Type.Object({ kind: Type.Literal('hour-minute'), hourColumn: Column, minuteColumn: Column }, { additionalProperties: false, description: 'whole hour (0\u201323) and minute columns' }),
])

export const PositionSchema = Type.Union([
  Type.Object({ kind: Type.Literal('lonlat'), lon: Column, lat: Column }, { additionalProperties: false, description: 'WGS84 longitude and latitude' }),
  Type.Object({ kind: Type.Literal('bng'), easting: Column, northing: Column }, { additionalProperties: false, description: 'British National Grid (EPSG:27700) easting and northing in metres' }),
  Type.Object(
    { kind: Type.Literal('unplaced'), ward: Type.Optional(Column) },
    { additionalProperties: false, description: 'no position: kept without a point, with the ward code the log gives (if any)' },
  ),
])

export const ProfileMapping = Type.Object(
  {
    source: Type.String({ minLength: 1, maxLength: 100, pattern: '^(?!police\\.uk$)\\S', description: 'the source name incidents are stored under (not police.uk)' }),
    reference: Type.Array(Column, { minItems: 1, maxItems: 5, description: 'the columns that together identify a row in the log (its reference)' }),
    when: Type.Object(
      { date: Column, format: literalUnion(DATE_FORMATS), time: TimeSourceSchema },
      { additionalProperties: false },
    ),
    position: PositionSchema,
    category: Type.Object(
      {
        column: Type.Optional(Column),
        map: Type.Record(Type.String({ maxLength: 200 }), CategoryName, { description: 'source value \u2192 Patrolmap category' }),
        default: CategoryName,
      },
      { additionalProperties: false, description: 'values not in the map (and empty ones) take the default' },
    ),
    description: Type.Optional(Column),
    address: Type.Optional(Column),
    illustrative: Type.Optional(Type.Boolean({ description: 'made-up data, labelled so wherever it is shown' })),
  },
  { additionalProperties: false },
)
export type ProfileMapping = Static<typeof ProfileMapping>

/** A stored mapping, checked as the API checks a new one: null when it no longer fits (edited by hand in the database). */
export function checkedMapping(stored: unknown): ProfileMapping | null {
  return Value.Check(ProfileMapping, stored) ? (stored as ProfileMapping) : null
}

/** Every column a mapping reads, for checking a file's header. */
export function mappedColumns(mapping: ProfileMapping): string[] {
  const columns = [...mapping.reference, mapping.when.date]
  const time = mapping.when.time
  if (time.kind === 'column') columns.push(time.column)
  if (time.kind === 'hour-minute') columns.push(time.hourColumn, time.minuteColumn)
  const position = mapping.position
  if (position.kind === 'lonlat') columns.push(position.lon, position.lat)
  if (position.kind === 'bng') columns.push(position.easting, position.northing)
  if (position.kind === 'unplaced' && position.ward) columns.push(position.ward)
  if (mapping.category.column) columns.push(mapping.category.column)
  if (mapping.description) columns.push(mapping.description)
  if (mapping.address) columns.push(mapping.address)
  return [...new Set(columns)]
}

/** The categories a mapping can give rows: each must be one of Patrolmap's. */
export function mappedCategories(mapping: ProfileMapping): string[] {
  return [...new Set([...Object.values(mapping.category.map), mapping.category.default])]
}
