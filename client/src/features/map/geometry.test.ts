import { describe, expect, it } from 'vitest'
import { geometryBounds } from './geometry'

describe('geometryBounds', () => {
  it('covers every part of a multipolygon', () => {
    expect(
      geometryBounds({
        type: 'MultiPolygon',
        coordinates: [
          [[[-1.2, 54.6], [-1.1, 54.6], [-1.1, 54.7], [-1.2, 54.6]]],
          [[[-1.4, 54.5], [-1.3, 54.5], [-1.3, 54.55], [-1.4, 54.5]]],
        ],
      }),
    ).toEqual([
      [-1.4, 54.5],
      [-1.1, 54.7],
    ])
  })

  it('returns null for an empty geometry', () => {
    expect(geometryBounds({ type: 'MultiPolygon', coordinates: [] })).toBeNull()
  })
})
