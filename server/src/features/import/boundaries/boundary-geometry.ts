import { GREAT_BRITAIN_BOUNDS } from '../police-uk/row.js'

/**
 * What is wrong with a boundary's GeoJSON geometry, or null when it is a well-formed Polygon or MultiPolygon in
 * Great Britain. PostGIS reads much that is broken without complaint (a ring of two points becomes an empty ward,
 * string coordinates become 0), and a ward file replaces every ward of the councils it names, so a file with any such
 * geometry must not land. Whether the rings cross each other is left to ST_MakeValid, which repairs that.
 */
export function boundaryGeometryProblem(geometry: { type?: unknown; coordinates?: unknown }): string | null {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : null
  if (!Array.isArray(polygons) || polygons.length === 0) return 'has no polygons'
  let ringNumber = 0
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0) return 'has a polygon without rings'
    for (const ring of polygon) {
      ringNumber++
      const problem = ringProblem(ring)
      if (problem) return `ring ${ringNumber} ${problem}`
    }
  }
  return null
}

function ringProblem(ring: unknown): string | null {
  if (!Array.isArray(ring)) return 'is not a list of positions'
  for (const [index, position] of ring.entries()) {
    const problem = positionProblem(position)
    if (problem) return `position ${index + 1} ${problem}`
  }
  // A closed ring repeats its first position last, so a triangle has four.
  if (ring.length < 4) return `has ${ring.length} position${ring.length === 1 ? '' : 's'}, fewer than the 4 of the smallest closed ring`
  const first = ring[0] as number[]
  const last = ring[ring.length - 1] as number[]
  if (first[0] !== last[0] || first[1] !== last[1]) return 'is not closed (its last position is not its first)'
  return null
}

function positionProblem(position: unknown): string | null {
  if (!Array.isArray(position) || position.length < 2) return 'is not a [longitude, latitude] pair'
  const [lon, lat] = position
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
    return `(${JSON.stringify(lon)}, ${JSON.stringify(lat)}) is not a number pair`
  }
  const { minLon, maxLon, minLat, maxLat } = GREAT_BRITAIN_BOUNDS
  if (lon < minLon || lon > maxLon || lat < minLat || lat > maxLat) {
    return `(${lon}, ${lat}) is out of range: outside Great Britain (longitude ${minLon} to ${maxLon}, latitude ${minLat} to ${maxLat}, WGS 84)`
  }
  return null
}
