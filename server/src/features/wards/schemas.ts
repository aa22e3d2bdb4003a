import type { MultiPolygon, Polygon } from 'geojson'
import { Type, type Static } from 'typebox'
import { incidentFilterProperties } from '../incidents/schemas.js'
import { Comparison } from '../summary/schemas.js'

const { ward: _ward, ...wardsQueryProperties } = incidentFilterProperties
export const WardsQuery = Type.Object(wardsQueryProperties, { additionalProperties: false })

/**
 * A ward's boundary as PostgreSQL builds it (ward-counts.sql): the map draws it, labels it and colours it by count.
 * The geometry's schema is empty on purpose, so the serialiser copies the coordinates rather than walking them.
 */
const WardFeature = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.String({ description: 'the ward code' }),
  geometry: Type.Unsafe<Polygon | MultiPolygon>({ description: 'GeoJSON Polygon or MultiPolygon (EPSG:4326)' }),
  properties: Type.Object({
    code: Type.String(),
    name: Type.String(),
    councilCode: Type.String(),
    councilName: Type.String(),
    count: Type.Integer({ minimum: 0 }),
    previousCount: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
      description: 'incidents under the filter in the comparison period; null unless the data covers every month of it',
    }),
    label_lon: Type.Number(),
    label_lat: Type.Number(),
  }),
})

export const WardCollection = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(WardFeature),
    comparison: Type.Union([Comparison, Type.Null()], { description: 'what previousCount counts (a GeoJSON foreign member); null with no data' }),
  },
  { description: 'GeoJSON FeatureCollection (EPSG:4326)' },
)
export type WardCollection = Static<typeof WardCollection>
export type WardFeature = Static<typeof WardFeature>
export type WardProperties = WardFeature['properties']

export const FeatureCollection = Type.Object(
  { type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Unknown()) },
  { description: 'GeoJSON FeatureCollection (EPSG:4326)' },
)

export const WardList = Type.Object({
  items: Type.Array(
    Type.Object({ code: Type.String(), name: Type.String(), councilCode: Type.String(), councilName: Type.String() }),
    { description: 'every ward, by council name then ward name' },
  ),
})
export type WardList = Static<typeof WardList>
