import { describe, expect, it } from 'vitest'
import { boundaryGeometryProblem } from './boundary-geometry.js'

const square = [[-1.2, 54.6], [-1.1, 54.6], [-1.1, 54.7], [-1.2, 54.7], [-1.2, 54.6]]

describe('boundaryGeometryProblem', () => {
  it('accepts polygons and multipolygons with holes', () => {
    expect(boundaryGeometryProblem({ type: 'Polygon', coordinates: [square] })).toBeNull()
    expect(boundaryGeometryProblem({ type: 'MultiPolygon', coordinates: [[square, square], [square]] })).toBeNull()
  })

  it.each([
    [{ type: 'Polygon', coordinates: [] }, 'has a polygon without rings'],
    [{ type: 'MultiPolygon', coordinates: [] }, 'has no polygons'],
    [{ type: 'Polygon', coordinates: [[[-1.2, 54.6], [-1.21, 54.61]]] }, 'ring 1 has 2 positions, fewer than the 4 of the smallest closed ring'],
    [{ type: 'MultiPolygon', coordinates: [[square], [square.slice(0, 4)]] }, 'ring 2 is not closed (its last position is not its first)'],
    [{ type: 'Polygon', coordinates: [[['-1.2', '54.6'], ...square.slice(1)]] }, 'ring 1 position 1 ("-1.2", "54.6") is not a number pair'],
    [{ type: 'Polygon', coordinates: [[[-1.2], ...square.slice(1)]] }, 'ring 1 position 1 is not a [longitude, latitude] pair'],
    [{ type: 'Polygon', coordinates: [[square[0], [450566, 531848], ...square.slice(2)]] }, /ring 1 position 2 \(450566, 531848\) is out of range/],
  ])('names what is wrong with %j', (geometry, problem) => {
    expect(boundaryGeometryProblem(geometry)).toMatch(problem)
  })
})
