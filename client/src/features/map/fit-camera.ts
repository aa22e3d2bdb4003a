import type { Bounds } from './geometry'
import type { MapView } from './view-state-url'

/** MapLibre's world is 512 px wide at zoom 0. */
const TILE_SIZE = 512

export interface Insets {
  top: number
  right: number
  bottom: number
  left: number
}

const mercatorX = (lon: number) => (lon + 180) / 360
const mercatorY = (lat: number) => (180 - (180 / Math.PI) * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))) / 360
const longitude = (x: number) => x * 360 - 180
const latitude = (y: number) => (360 / Math.PI) * Math.atan(Math.exp(((180 - y * 360) * Math.PI) / 180)) - 90

/** The map's own padding (MapLibre's setPadding): a number is the left padding alone. */
export type MapPadding = number | { left: number; right: number }

/** Where the map puts its centre, across, given its own padding. */
function centreXOf(width: number, padding: MapPadding): number {
  const { left, right } = typeof padding === 'number' ? { left: padding, right: 0 } : padding
  return left + (width - left - right) / 2
}

/**
 * The camera that shows `bounds` whole inside a map of `size` pixels, clear of `insets` (the filter panel, the
 * legend, the attribution), for a map whose own padding (`mapPadding`) moves its centre. Worked out here rather
 * than by MapLibre's fitBounds so the first hexagon request already has the right resolution.
 */
export function fitCamera(
  bounds: Bounds,
  size: { width: number; height: number },
  insets: Insets,
  mapPadding: MapPadding = 0,
  maxZoom = 14,
): MapView {
  const [[west, south], [east, north]] = bounds
  const x0 = mercatorX(west)
  const x1 = mercatorX(east)
  const y0 = mercatorY(north)
  const y1 = mercatorY(south)
  const width = Math.max(1, size.width - insets.left - insets.right)
  const height = Math.max(1, size.height - insets.top - insets.bottom)
  const spanX = Math.max(x1 - x0, 1e-9)
  const spanY = Math.max(y1 - y0, 1e-9)
  const exact = Math.log2(Math.min(width / (spanX * TILE_SIZE), height / (spanY * TILE_SIZE)))
  // Rounded down, so the rounding never pushes an edge off screen.
  const zoom = Math.max(0, Math.min(maxZoom, Math.floor(exact * 100) / 100))
  const scale = TILE_SIZE * 2 ** zoom
  // Where the bounds' middle must land on screen, and where the map puts its centre given its own padding.
  const targetX = (insets.left + size.width - insets.right) / 2
  const targetY = (insets.top + size.height - insets.bottom) / 2
  const centreX = centreXOf(size.width, mapPadding)
  const centreY = size.height / 2
  const x = (x0 + x1) / 2 - (targetX - centreX) / scale
  const y = (y0 + y1) / 2 - (targetY - centreY) / scale
  return { lon: longitude(x), lat: latitude(y), zoom }
}

/** Projects a point to screen pixels for a camera, as MapLibre would; for tests and sanity checks. */
export function project(
  [lon, lat]: [number, number],
  camera: MapView,
  size: { width: number; height: number },
  mapPadding: MapPadding = 0,
): [number, number] {
  const scale = TILE_SIZE * 2 ** camera.zoom
  const centreX = centreXOf(size.width, mapPadding)
  const centreY = size.height / 2
  return [
    centreX + (mercatorX(lon) - mercatorX(camera.lon)) * scale,
    centreY + (mercatorY(lat) - mercatorY(camera.lat)) * scale,
  ]
}
