import { Type, type Static } from 'typebox'
import { Month } from '../../lib/calendar-schemas.js'

/** The filter every incident view shares: a month range, categories and one ward. */
export const incidentFilterProperties = {
  from: Type.Optional({ ...Month, description: 'first month included, YYYY-MM (1900-01 to 2199-12)' }),
  to: Type.Optional({ ...Month, description: 'last month included, YYYY-MM (1900-01 to 2199-12)' }),
  categories: Type.Optional(
    Type.String({ maxLength: 2000, description: 'comma-separated police.uk categories, e.g. Anti-social behaviour,Burglary' }),
  ),
  ward: Type.Optional(Type.String({ pattern: '^[EWSN]\\d{8}$', description: 'ONS ward code, e.g. E05014882' })),
}
export const IncidentFilterQuery = Type.Object(incidentFilterProperties, { additionalProperties: false })
export type IncidentFilterQuery = Static<typeof IncidentFilterQuery>

export const IncidentsQuery = Type.Object(
  {
    bbox: Type.Optional(Type.String({ maxLength: 200, description: 'minLon,minLat,maxLon,maxLat (EPSG:4326)' })),
    cell: Type.Optional(Type.String({ pattern: '^8[0-9a-f]{14}$', description: 'only incidents whose map point lies in this H3 cell (resolution 6 to 10)' })),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
    cursor: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,15}$', description: 'nextCursor of the previous page' })),
    ...incidentFilterProperties,
  },
  { additionalProperties: false },
)

export const Incident = Type.Object({
  id: Type.Integer(),
  category: Type.String(),
  month: Type.String(),
  precision: Type.String({ description: 'month, day or minute: how exactly the time is known' }),
  location: Type.Union([Type.String(), Type.Null()]),
  lsoa_code: Type.Union([Type.String(), Type.Null()]),
  ward_code: Type.Union([Type.String(), Type.Null()]),
  // Null for an incident police.uk gives no location: listed without a bbox, never inside one.
  lon: Type.Union([Type.Number(), Type.Null()]),
  lat: Type.Union([Type.Number(), Type.Null()]),
  source: Type.String(),
})

export const IncidentPage = Type.Object({ items: Type.Array(Incident), nextCursor: Type.Union([Type.String(), Type.Null()]) })
export type IncidentPage = Static<typeof IncidentPage>
