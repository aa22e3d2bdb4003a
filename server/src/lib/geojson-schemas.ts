import type { MultiPolygon } from 'geojson'
import { Type } from 'typebox'

/**
 * A MultiPolygon in an answer. Typed for the client, but with no schema for its coordinates, so the serializer hands the
 * shape to JSON.stringify: fast-json-stringify walking four levels of number arrays was most of a 1,000-task list's
 * time (the ward outlines in /api/wards are answered the same way).
 */
export const MultiPolygonAnswer = Type.Unsafe<MultiPolygon>({ description: 'GeoJSON MultiPolygon (longitude, latitude; EPSG:4326)' })
