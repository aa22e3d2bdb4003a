import { describe, expect, it } from 'vitest'
import type { WardFeature } from './map-api'
import { buildColourScale, PALETTE } from './colour-scale'
import { buildHexLayer, HEX_FILL_ALPHA, HEX_LAYER_ID } from './hex-layer'
import { describeHover, tooltipPlacement } from './tooltip'
import {
  buildWardAreaLayer,
  buildWardLabelLayer,
  buildWardOutlineLayer,
  labelPriority,
  SELECTED_WARD_LINE_COLOUR,
  WARD_AREA_LAYER_ID,
  WARD_LINE_COLOUR,
  wardsToLabel,
} from './ward-layers'

const cells = [
  { h3: '88194ad32bfffff', count: 1 },
  { h3: '88194ad329fffff', count: 37 },
  { h3: '88194ad32dfffff', count: 340 },
]

function ward(code: string, name: string, count: number): WardFeature {
  return {
    type: 'Feature',
    id: code,
    properties: {
      code,
      name,
      councilCode: 'E06000002',
      councilName: 'Middlesbrough',
      count,
      previousCount: null,
      label_lon: -1.23,
      label_lat: 54.57,
    },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [-1.24, 54.56],
          [-1.22, 54.56],
          [-1.22, 54.58],
          [-1.24, 54.56],
        ],
      ],
    },
  }
}

const wards = [ward('E05009857', 'Central', 1234), ward('E05009853', 'Acklam', 3)]

type Accessor<T> = (item: T, info?: unknown) => unknown

describe('buildHexLayer', () => {
  const scale = buildColourScale(340)
  const layer = buildHexLayer(cells, scale)

  it('draws flat, pickable, translucent hexagons from the cells', () => {
    expect(layer.id).toBe(HEX_LAYER_ID)
    expect(layer.props.data).toBe(cells)
    expect(layer.props.extruded).toBe(false)
    expect(layer.props.pickable).toBe(true)
    expect((layer.props.getHexagon as Accessor<(typeof cells)[0]>)(cells[1])).toBe('88194ad329fffff')
  })

  it('colours by the stable scale and recolours only when the scale changes', () => {
    const getFillColor = layer.props.getFillColor as Accessor<(typeof cells)[0]>
    expect(getFillColor(cells[0])).toEqual([...PALETTE[0], HEX_FILL_ALPHA])
    expect(getFillColor(cells[2])).toEqual([...PALETTE[6], HEX_FILL_ALPHA])
    expect(layer.props.updateTriggers).toEqual({ getFillColor: scale.key })
  })
})

describe('ward layers', () => {
  it('makes an invisible but pickable hover target per ward', () => {
    const layer = buildWardAreaLayer(wards)
    expect(layer.id).toBe(WARD_AREA_LAYER_ID)
    expect(layer.props.pickable).toBe(true)
    expect(layer.props.getFillColor).toEqual([0, 0, 0, 0])
    expect(layer.props.data).toBe(wards)
  })

  it('emphasises the selected ward outline', () => {
    const layer = buildWardOutlineLayer(wards, 'E05009853')
    const getLineColor = layer.props.getLineColor as Accessor<WardFeature>
    const getLineWidth = layer.props.getLineWidth as Accessor<WardFeature>
    expect(layer.props.filled).toBe(false)
    expect(getLineColor(wards[0])).toEqual(WARD_LINE_COLOUR)
    expect(getLineColor(wards[1])).toEqual(SELECTED_WARD_LINE_COLOUR)
    expect(getLineWidth(wards[1])).toBeGreaterThan(getLineWidth(wards[0]) as number)
    expect(layer.props.updateTriggers).toEqual({ getLineColor: 'E05009853', getLineWidth: 'E05009853' })
    expect((layer.props.data as WardFeature[]).map((feature) => feature.properties.code)).toEqual([
      'E05009857',
      'E05009853',
    ])
    expect(buildWardOutlineLayer(wards, 'E05009857').props.data).toEqual([wards[1], wards[0]])
  })

  it('labels each ward at its label point', () => {
    const layer = buildWardLabelLayer(wards)
    expect(layer.props.data).toBe(wards)
    expect((layer.props.getText as Accessor<WardFeature>)(wards[0])).toBe('Central')
    expect((layer.props.getPosition as Accessor<WardFeature>)(wards[0])).toEqual([-1.23, 54.57])
  })

  it('prioritises busy wards, and the selected ward above all', () => {
    expect(labelPriority(wards[0], null)).toBeGreaterThan(labelPriority(wards[1], null))
    expect(labelPriority(wards[1], 'E05009853')).toBeGreaterThan(labelPriority(wards[0], 'E05009853'))
  })

  it('labels only the wards that fit, keeping the selected one', () => {
    // Both test wards share a label point, so only one name can be shown.
    expect(wardsToLabel(wards, 12, null).map((feature) => feature.properties.name)).toEqual(['Central'])
    expect(wardsToLabel(wards, 12, 'E05009853').map((feature) => feature.properties.name)).toEqual(['Acklam'])
  })
})

describe('tooltips', () => {
  it('describes a cell', () => {
    expect(describeHover(HEX_LAYER_ID, cells[1])).toEqual({ title: '37 incidents', detail: 'H3 cell 88194ad329fffff' })
    expect(describeHover(HEX_LAYER_ID, cells[0])?.title).toBe('1 incident')
  })

  it('describes a ward with its council and count', () => {
    expect(describeHover(WARD_AREA_LAYER_ID, wards[0])).toEqual({
      title: 'Central (Middlesbrough) — 1,234 incidents',
    })
  })

  it('gives a ward’s change against the period before, or says there is no earlier data', () => {
    const comparison = { period: { from: '2025-06', to: '2025-08' }, months: 3, monthsWithData: 3 }
    const withBefore = { ...wards[0], properties: { ...wards[0].properties, previousCount: 1000 } }
    expect(describeHover(WARD_AREA_LAYER_ID, withBefore, comparison)?.lines).toEqual(['+23% on the 3 months before'])
    expect(describeHover(WARD_AREA_LAYER_ID, wards[0], { ...comparison, monthsWithData: 0 })?.lines).toEqual(['no earlier data'])
  })

  it('ignores empty space and other layers', () => {
    expect(describeHover(HEX_LAYER_ID, null)).toBeNull()
    expect(describeHover('ward-labels', wards[0])).toBeNull()
  })

  it('sits below-right of the pointer, flipping away from the map edges', () => {
    expect(tooltipPlacement(100, 100, 1200, 800)).toEqual({ left: 114, top: 114, transform: 'translate(0, 0)' })
    expect(tooltipPlacement(1100, 780, 1200, 800)).toEqual({
      left: 1086,
      top: 766,
      transform: 'translate(-100%, -100%)',
    })
  })
})
