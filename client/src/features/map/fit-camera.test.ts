import { describe, expect, it } from 'vitest'
import { fitCamera, project } from './fit-camera'
import type { Bounds } from './geometry'

/** Roughly the four Cleveland councils. */
const cleveland: Bounds = [
  [-1.45, 54.46],
  [-0.79, 54.73],
]
const size = { width: 1280, height: 756 }
const insets = { top: 16, right: 226, bottom: 30, left: 356 }

describe('fitCamera', () => {
  it('puts every corner of the bounds inside the free part of the map', () => {
    const camera = fitCamera(cleveland, size, insets, 340)
    const [[west, south], [east, north]] = cleveland
    for (const corner of [
      [west, north],
      [east, south],
      [west, south],
      [east, north],
    ] as [number, number][]) {
      const [x, y] = project(corner, camera, size, 340)
      expect(x).toBeGreaterThanOrEqual(insets.left - 0.5)
      expect(x).toBeLessThanOrEqual(size.width - insets.right + 0.5)
      expect(y).toBeGreaterThanOrEqual(insets.top - 0.5)
      expect(y).toBeLessThanOrEqual(size.height - insets.bottom + 0.5)
    }
  })

  it('fills the limiting direction nearly edge to edge', () => {
    const camera = fitCamera(cleveland, size, insets, 340)
    const [left] = project([-1.45, 54.6], camera, size, 340)
    const [right] = project([-0.79, 54.6], camera, size, 340)
    const [, top] = project([-1.1, 54.73], camera, size, 340)
    const [, bottom] = project([-1.1, 54.46], camera, size, 340)
    const usedWidth = (right - left) / (size.width - insets.left - insets.right)
    const usedHeight = (bottom - top) / (size.height - insets.top - insets.bottom)
    expect(Math.max(usedWidth, usedHeight)).toBeGreaterThan(0.98)
    expect(camera.zoom).toBeGreaterThan(9.5)
    expect(camera.zoom).toBeLessThan(11)
  })

  it('caps the zoom for a tiny area', () => {
    const camera = fitCamera([[-1.2, 54.6], [-1.1999, 54.6001]], size, { top: 0, right: 0, bottom: 0, left: 0 }, 0, 14)
    expect(camera.zoom).toBe(14)
    expect(camera.lat).toBeCloseTo(54.60005, 4)
  })

  it('keeps the bounds clear of a right-hand panel too when the map is padded on both sides (Hotspots mode)', () => {
    const padding = { left: 340, right: 410 }
    const wide = { top: 16, right: 410 + 226, bottom: 30, left: 356 }
    const camera = fitCamera(cleveland, size, wide, padding)
    const [[west, south], [east, north]] = cleveland
    for (const corner of [
      [west, north],
      [east, south],
    ] as [number, number][]) {
      const [x, y] = project(corner, camera, size, padding)
      expect(x).toBeGreaterThanOrEqual(wide.left - 0.5)
      expect(x).toBeLessThanOrEqual(size.width - wide.right + 0.5)
      expect(y).toBeGreaterThanOrEqual(wide.top - 0.5)
      expect(y).toBeLessThanOrEqual(size.height - wide.bottom + 0.5)
    }
    // A number is the left padding alone, as before.
    expect(project([-1.2, 54.6], camera, size, 340)).toEqual(project([-1.2, 54.6], camera, size, { left: 340, right: 0 }))
  })
})
