import { describe, expect, it } from 'vitest'
import type { Position } from 'geojson'
import type { WardFeature } from './map-api'
import { chainSegments, councilEdges } from './council-edges'

function ward(code: string, councilCode: string, ring: Position[]): WardFeature {
  return {
    type: 'Feature',
    id: code,
    properties: { code, name: code, councilCode, councilName: councilCode, count: 0, previousCount: null, label_lon: 0, label_lat: 0 },
    geometry: { type: 'Polygon', coordinates: [ring] },
  }
}

/** A unit square with its lower-left corner at (x, y), counter-clockwise and closed. */
const square = (x: number, y: number): Position[] => [
  [x, y],
  [x + 1, y],
  [x + 1, y + 1],
  [x, y + 1],
  [x, y],
]

/** Total length of the paths, which for unit-grid squares counts unit edges. */
const length = (paths: Position[][]) =>
  paths.reduce((sum, path) => sum + path.slice(1).reduce((inner, point, index) => inner + Math.hypot(point[0] - path[index][0], point[1] - path[index][1]), 0), 0)

describe('councilEdges', () => {
  it('leaves out edges between wards of the same council', () => {
    // Two wards side by side in one council: the outline is the 2×1 rectangle, 6 units long, without the middle edge.
    const paths = councilEdges([ward('A', 'C1', square(0, 0)), ward('B', 'C1', square(1, 0))])
    expect(length(paths)).toBe(6)
    const points = paths.flat().map((point) => point.join(','))
    expect(points).not.toContain('1,0.5')
    // One closed loop: no branch points.
    expect(paths).toHaveLength(1)
    expect(paths[0][0]).toEqual(paths[0][paths[0].length - 1])
  })

  it('keeps the edge between two councils', () => {
    const paths = councilEdges([ward('A', 'C1', square(0, 0)), ward('B', 'C2', square(1, 0))])
    expect(length(paths)).toBe(7)
  })

  it('handles multipolygons and three councils meeting at a point', () => {
    const multi: WardFeature = {
      ...ward('M', 'C3', []),
      geometry: { type: 'MultiPolygon', coordinates: [[square(0, 1)], [square(5, 5)]] },
    }
    const paths = councilEdges([ward('A', 'C1', square(0, 0)), ward('B', 'C2', square(1, 0)), multi])
    // Every unit edge of A, B and M's first square (12, less the 2 counted twice where A meets B and M), all of
    // them council boundaries, plus M's island square.
    expect(length(paths)).toBe(12 - 2 + 4)
  })
})

describe('chainSegments', () => {
  it('joins a line cut into pieces, in any order and direction', () => {
    const paths = chainSegments([
      [[2, 0], [3, 0]],
      [[1, 0], [0, 0]],
      [[1, 0], [2, 0]],
    ])
    expect(paths).toHaveLength(1)
    expect(paths[0].map((point) => point[0]).join(',')).toMatch(/^(0,1,2,3|3,2,1,0)$/)
  })

  it('splits at branch points', () => {
    // A T: three arms meeting at (0,0).
    const paths = chainSegments([
      [[0, 0], [1, 0]],
      [[0, 0], [-1, 0]],
      [[0, 0], [0, 1]],
    ])
    expect(paths).toHaveLength(3)
    expect(paths.flat()).toHaveLength(6)
  })
})
