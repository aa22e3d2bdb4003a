import { describe, expect, it } from 'vitest'
import { bearingBetween, bearingFromDrag, destination, distanceM, fovFromDrag, handlePositions, normaliseBearing, turnBetween, wedgeOf, wedgeRing } from './cctv-geometry'

const CAMERA = { lon: -1.3117, lat: 54.5646 } // Stockton High Street

describe('bearings', () => {
  it('normalises into [0, 360)', () => {
    expect(normaliseBearing(360)).toBe(0)
    expect(normaliseBearing(-90)).toBe(270)
    expect(normaliseBearing(725)).toBe(5)
    expect(normaliseBearing(-0.0000001)).toBeLessThan(360)
  })

  it('goes round a compass: north, east, south, west of the camera', () => {
    for (const [bearing, expected] of [
      [0, 0],
      [90, 90],
      [180, 180],
      [270, 270],
      [33, 33],
      [301, 301],
    ]) {
      const point = destination(CAMERA, bearing, 150)
      expect(bearingBetween(CAMERA, point)).toBeCloseTo(expected, 6)
      expect(distanceM(CAMERA, point)).toBeCloseTo(150, 6)
    }
  })

  it('a drag to a point sets the bearing towards it, to the whole degree, and nothing when on the camera', () => {
    expect(bearingFromDrag(CAMERA, destination(CAMERA, 44.6, 80))).toBe(45)
    expect(bearingFromDrag(CAMERA, destination(CAMERA, 359.7, 80))).toBe(0)
    expect(bearingFromDrag(CAMERA, destination(CAMERA, 200.2, 3))).toBe(200)
    expect(bearingFromDrag(CAMERA, { ...CAMERA })).toBeNull()
    // Independent of the library: a point due east along the parallel is at 90° (to a hair, at 100 m).
    expect(bearingFromDrag(CAMERA, { lon: CAMERA.lon + 0.0015, lat: CAMERA.lat })).toBe(90)
    expect(bearingFromDrag(CAMERA, { lon: CAMERA.lon, lat: CAMERA.lat - 0.001 })).toBe(180)
  })

  it('turns the short way round', () => {
    expect(turnBetween(350, 10)).toBeCloseTo(20)
    expect(turnBetween(10, 350)).toBeCloseTo(-20)
    expect(turnBetween(0, 180)).toBeCloseTo(180)
  })

  it('a drag of the edge handle sets the field of view to twice the turn from the bearing, 1° to 360°', () => {
    expect(fovFromDrag(CAMERA, 90, destination(CAMERA, 120, 50))).toBe(60)
    expect(fovFromDrag(CAMERA, 10, destination(CAMERA, 340, 50))).toBe(60)
    expect(fovFromDrag(CAMERA, 90, destination(CAMERA, 90, 50))).toBe(1)
    expect(fovFromDrag(CAMERA, 90, destination(CAMERA, 270, 50))).toBe(360)
    expect(fovFromDrag(CAMERA, 90, CAMERA)).toBeNull()
  })
})

describe('wedges', () => {
  it('runs from the camera round the arc and back, every arc point at the range and inside the angle', () => {
    const ring = wedgeRing(CAMERA, { bearingDeg: 350, fovDeg: 60, rangeM: 120 })
    expect(ring[0]).toEqual([CAMERA.lon, CAMERA.lat])
    expect(ring.at(-1)).toEqual([CAMERA.lon, CAMERA.lat])
    const arc = ring.slice(1, -1)
    expect(arc.length).toBe(13) // 60° in 5° steps, both edges included
    for (const [lon, lat] of arc) {
      expect(distanceM(CAMERA, { lon, lat })).toBeCloseTo(120, 5)
      expect(Math.abs(turnBetween(350, bearingBetween(CAMERA, { lon, lat })))).toBeLessThanOrEqual(30 + 1e-6)
    }
    expect(bearingBetween(CAMERA, { lon: arc[0][0], lat: arc[0][1] })).toBeCloseTo(320, 6)
    expect(bearingBetween(CAMERA, { lon: arc.at(-1)![0], lat: arc.at(-1)![1] })).toBeCloseTo(20, 6)
  })

  it('draws 360° as a closed circle without the camera in its ring', () => {
    const ring = wedgeRing(CAMERA, { bearingDeg: 0, fovDeg: 360, rangeM: 200 })
    expect(ring.length).toBe(73)
    expect(ring[0][0]).toBeCloseTo(ring.at(-1)![0], 12)
    expect(ring[0][1]).toBeCloseTo(ring.at(-1)![1], 12)
    for (const [lon, lat] of ring) expect(distanceM(CAMERA, { lon, lat })).toBeCloseTo(200, 5)
  })

  it('puts the bearing handle at the tip and the field-of-view handle on the right edge', () => {
    const handles = handlePositions(CAMERA, { bearingDeg: 90, fovDeg: 60, rangeM: 100 })
    expect(distanceM(CAMERA, handles.bearing)).toBeCloseTo(100, 5)
    expect(bearingBetween(CAMERA, handles.bearing)).toBeCloseTo(90, 6)
    expect(bearingBetween(CAMERA, handles.fov)).toBeCloseTo(120, 6)
    // Dragging either handle where it already is changes nothing.
    expect(bearingFromDrag(CAMERA, handles.bearing)).toBe(90)
    expect(fovFromDrag(CAMERA, 90, handles.fov)).toBe(60)
  })
})

describe('what the map draws for each type', () => {
  const view = { bearingDeg: 120, fovDeg: 50, rangeM: 90, radiusM: 1500 }
  it('a fixed or redeployable camera: its sector; a PTZ: all round at its range; a drone: its operating radius', () => {
    expect(wedgeOf({ type: 'fixed', view })).toEqual({ bearingDeg: 120, fovDeg: 50, rangeM: 90 })
    expect(wedgeOf({ type: 'redeployable', view })).toEqual({ bearingDeg: 120, fovDeg: 50, rangeM: 90 })
    expect(wedgeOf({ type: 'ptz', view })).toEqual({ bearingDeg: 120, fovDeg: 360, rangeM: 90 })
    expect(wedgeOf({ type: 'drone', view })).toEqual({ bearingDeg: 0, fovDeg: 360, rangeM: 1500 })
  })
})
