import { describe, expect, it } from 'vitest'
import type { WardFeature } from '../features/map/map-api'
import { groupWardList, groupWardsByCouncil } from './ward-groups'

function ward(code: string, name: string, councilName: string): WardFeature {
  return {
    type: 'Feature',
    id: code,
    properties: { code, name, councilCode: 'X', councilName, count: 0, previousCount: null, label_lon: 0, label_lat: 0 },
    geometry: { type: 'Polygon', coordinates: [] },
  }
}

describe('groupWardsByCouncil', () => {
  it('groups wards under their council, both sorted by name', () => {
    const groups = groupWardsByCouncil([
      ward('E3', 'Victoria', 'Hartlepool'),
      ward('E1', 'Central', 'Middlesbrough'),
      ward('E2', 'Burn Valley', 'Hartlepool'),
      ward('E4', 'Acklam', 'Middlesbrough'),
    ])
    expect(groups).toEqual([
      {
        councilName: 'Hartlepool',
        wards: [
          { code: 'E2', name: 'Burn Valley' },
          { code: 'E3', name: 'Victoria' },
        ],
      },
      {
        councilName: 'Middlesbrough',
        wards: [
          { code: 'E4', name: 'Acklam' },
          { code: 'E1', name: 'Central' },
        ],
      },
    ])
  })
})

describe('groupWardList', () => {
  it('groups plain ward records the same way', () => {
    expect(
      groupWardList([
        { code: 'E2', name: 'Newtown', councilName: 'Stockton-on-Tees' },
        { code: 'E1', name: 'Burn Valley', councilName: 'Hartlepool' },
        { code: 'E3', name: 'Billingham Central', councilName: 'Stockton-on-Tees' },
      ]),
    ).toEqual([
      { councilName: 'Hartlepool', wards: [{ code: 'E1', name: 'Burn Valley' }] },
      {
        councilName: 'Stockton-on-Tees',
        wards: [
          { code: 'E3', name: 'Billingham Central' },
          { code: 'E2', name: 'Newtown' },
        ],
      },
    ])
  })
})
