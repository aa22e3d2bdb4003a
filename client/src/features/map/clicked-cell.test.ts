import { describe, expect, it } from 'vitest'
import { EMERGING_LAYER_ID, GISTAR_LAYER_ID } from '../hotspots/hotspot-layers'
import { clickedCell } from './clicked-cell'
import { HEX_LAYER_ID } from './hex-layer'
import { WARD_AREA_LAYER_ID } from './ward-layers'

describe('clickedCell', () => {
  it('takes the cell of a hexagon in any mode', () => {
    for (const layer of [HEX_LAYER_ID, GISTAR_LAYER_ID, EMERGING_LAYER_ID]) expect(clickedCell(layer, { h3: '89194655b83ffff', count: 3 })).toBe('89194655b83ffff')
  })

  it('ignores wards and empty map', () => {
    expect(clickedCell(WARD_AREA_LAYER_ID, { properties: { code: 'E05014882' } })).toBeNull()
    expect(clickedCell(undefined, null)).toBeNull()
  })
})
