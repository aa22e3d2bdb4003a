import type { Geometry, Position } from 'geojson'

export type Bounds = [[number, number], [number, number]]

function visitPositions(geometry: Geometry, visit: (position: Position) => void): void {
  switch (geometry.type) {
    case 'Point':
      visit(geometry.coordinates)
      break
    case 'MultiPoint':
    case 'LineString':
      geometry.coordinates.forEach(visit)
      break
    case 'MultiLineString':
    case 'Polygon':
      geometry.coordinates.forEach((ring) => ring.forEach(visit))
      break
    case 'MultiPolygon':
      geometry.coordinates.forEach((polygon) => polygon.forEach((ring) => ring.forEach(visit)))
      break
    case 'GeometryCollection':
      geometry.geometries.forEach((part) => visitPositions(part, visit))
      break
  }
}

/** [[west, south], [east, north]], the shape MapLibre's fitBounds takes; null for an empty geometry. */
export function geometryBounds(geometry: Geometry): Bounds | null {
  let west = Infinity
  let south = Infinity
  let east = -Infinity
  let north = -Infinity
  visitPositions(geometry, ([lon, lat]) => {
    west = Math.min(west, lon)
    east = Math.max(east, lon)
    south = Math.min(south, lat)
    north = Math.max(north, lat)
  })
  return Number.isFinite(west) ? [[west, south], [east, north]] : null
}

/** The bounds of every geometry together; null when there is nothing to bound. */
export function unionBounds(geometries: readonly Geometry[]): Bounds | null {
  let union: Bounds | null = null
  for (const geometry of geometries) {
    const bounds = geometryBounds(geometry)
    if (!bounds) continue
    union = union
      ? [
          [Math.min(union[0][0], bounds[0][0]), Math.min(union[0][1], bounds[0][1])],
          [Math.max(union[1][0], bounds[1][0]), Math.max(union[1][1], bounds[1][1])],
        ]
      : bounds
  }
  return union
}
