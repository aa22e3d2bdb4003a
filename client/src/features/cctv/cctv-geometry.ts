/**
 * Bearings and view wedges on the sphere, for editing on the map: the handle the analyst drags at a wedge's tip
 * gives the bearing, the one on its edge the field of view, and the wedge is redrawn under the pointer before the
 * server (which computes the real view, less what buildings hide) answers. A sphere is plenty at camera ranges of a
 * few hundred metres; the server's views are in British National Grid metres.
 */

export interface LonLat {
  lon: number
  lat: number
}

const EARTH_RADIUS_M = 6_371_008.8
const rad = (degrees: number) => (degrees * Math.PI) / 180
const deg = (radians: number) => (radians * 180) / Math.PI

/** Degrees into [0, 360). */
export function normaliseBearing(degrees: number): number {
  const value = ((degrees % 360) + 360) % 360
  return value === 360 ? 0 : value
}

/** The initial bearing from one place to another, degrees clockwise from true north, in [0, 360). */
export function bearingBetween(from: LonLat, to: LonLat): number {
  const φ1 = rad(from.lat)
  const φ2 = rad(to.lat)
  const Δλ = rad(to.lon - from.lon)
  const y = Math.sin(Δλ) * Math.cos(φ2)
  const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ)
  return normaliseBearing(deg(Math.atan2(y, x)))
}

/** Great-circle distance in metres. */
export function distanceM(from: LonLat, to: LonLat): number {
  const φ1 = rad(from.lat)
  const φ2 = rad(to.lat)
  const a = Math.sin((φ2 - φ1) / 2) ** 2 + Math.cos(φ1) * Math.cos(φ2) * Math.sin(rad(to.lon - from.lon) / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)))
}

/** The place `distance` metres from `from` on the given bearing. */
export function destination(from: LonLat, bearingDeg: number, distance: number): LonLat {
  const δ = distance / EARTH_RADIUS_M
  const θ = rad(bearingDeg)
  const φ1 = rad(from.lat)
  const λ1 = rad(from.lon)
  const φ2 = Math.asin(Math.sin(φ1) * Math.cos(δ) + Math.cos(φ1) * Math.sin(δ) * Math.cos(θ))
  const λ2 = λ1 + Math.atan2(Math.sin(θ) * Math.sin(δ) * Math.cos(φ1), Math.cos(δ) - Math.sin(φ1) * Math.sin(φ2))
  return { lon: ((deg(λ2) + 540) % 360) - 180, lat: deg(φ2) }
}

/** The signed smallest turn from bearing a to bearing b, in (−180, 180]. */
export function turnBetween(a: number, b: number): number {
  const turn = normaliseBearing(b - a)
  return turn > 180 ? turn - 360 : turn
}

/**
 * The bearing a drag to `pointer` sets: towards the pointer from the camera, to the whole degree (what the typed
 * field holds). Null when the pointer is on the camera itself (under a metre away), where no direction is meant.
 */
export function bearingFromDrag(camera: LonLat, pointer: LonLat): number | null {
  if (distanceM(camera, pointer) < 1) return null
  return normaliseBearing(Math.round(bearingBetween(camera, pointer)))
}

/**
 * The field of view a drag of the edge handle to `pointer` sets: twice the turn from the bearing to the pointer, to
 * the whole degree, at least 1°, and 360° (all round) at most. Null when the pointer is on the camera.
 */
export function fovFromDrag(camera: LonLat, bearingDeg: number, pointer: LonLat): number | null {
  if (distanceM(camera, pointer) < 1) return null
  const half = Math.abs(turnBetween(bearingDeg, bearingBetween(camera, pointer)))
  return Math.min(360, Math.max(1, Math.round(2 * half)))
}

/** The view the wedge draws: a sector of `fovDeg` about the bearing out to `rangeM`; 360° or more, a circle. */
export interface WedgeParameters {
  bearingDeg: number
  fovDeg: number
  rangeM: number
}

/**
 * The wedge as a closed GeoJSON ring ([lon, lat] pairs): the camera, then the arc from the left edge to the right,
 * back to the camera. An arc point every `stepDeg` degrees at most (and at both edges exactly).
 */
export function wedgeRing(camera: LonLat, view: WedgeParameters, stepDeg = 5): [number, number][] {
  const full = view.fovDeg >= 360
  const span = full ? 360 : view.fovDeg
  const start = full ? 0 : view.bearingDeg - span / 2
  const steps = Math.max(1, Math.ceil(span / stepDeg))
  const arc: [number, number][] = []
  for (let i = 0; i <= steps; i++) {
    const point = destination(camera, start + (span * i) / steps, view.rangeM)
    arc.push([point.lon, point.lat])
  }
  if (full) return arc // the first and last arc points are the same place: closed
  return [[camera.lon, camera.lat], ...arc, [camera.lon, camera.lat]]
}

/** Where the two drag handles sit: the bearing's at the wedge's tip, the field of view's on its right edge. */
export function handlePositions(camera: LonLat, view: WedgeParameters): { bearing: LonLat; fov: LonLat } {
  return {
    bearing: destination(camera, view.bearingDeg, view.rangeM),
    fov: destination(camera, view.bearingDeg + Math.min(view.fovDeg, 359) / 2, view.rangeM * 0.7),
  }
}

/** What the map draws for a camera from its view values: drones their operating radius, PTZ cameras all round. */
export function wedgeOf(camera: { type: string; view: { bearingDeg: number; fovDeg: number; rangeM: number; radiusM: number } }): WedgeParameters {
  if (camera.type === 'drone') return { bearingDeg: 0, fovDeg: 360, rangeM: camera.view.radiusM }
  if (camera.type === 'ptz') return { bearingDeg: camera.view.bearingDeg, fovDeg: 360, rangeM: camera.view.rangeM }
  return { bearingDeg: camera.view.bearingDeg, fovDeg: camera.view.fovDeg, rangeM: camera.view.rangeM }
}
