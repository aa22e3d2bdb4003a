import { describe, expect, it } from 'vitest'
import { describeEmergingCell, describeGistarCell, formatP, formatZ } from './hotspot-format'
import { buildEmergingLayer, buildGistarLayer, buildHighlightLayers, HIGHLIGHT_LAYER_ID } from './hotspot-layers'

describe('numbers in tooltips', () => {
  it('writes z with a true minus and p as an analyst reads it', () => {
    expect(formatZ(3.8840027235542425)).toBe('3.88')
    expect(formatZ(-1.2)).toBe('−1.20')
    expect(formatZ(-0.001)).toBe('0.00')
    expect(formatP(0.00010275)).toBe('< 0.001')
    expect(formatP(0.0030484260011065154)).toBe('0.00305')
    expect(formatP(0.05)).toBe('0.05')
    expect(formatP(0.4123)).toBe('0.41')
    expect(formatP(1)).toBe('1')
  })

  it('describes a Gi* cell: class, value, z, p and the adjusted p', () => {
    const cell = { h3: '89194609647ffff', value: 4, z: 3.8840027235542425, p: 0.00010275075547865045, pAdjusted: 0.0030484260011065154, class: 'hot-99' as const }
    expect(describeGistarCell(cell, true, 'count')).toEqual({
      title: 'Hot spot, 99% confidence',
      lines: ['4 incidents in the cell', 'z 3.88 · p < 0.001 · FDR-adjusted p 0.00305'],
      detail: 'H3 cell 89194609647ffff',
    })
    expect(describeGistarCell({ ...cell, value: 1 }, false, 'count').lines).toEqual(['1 incident in the cell', 'z 3.88 · p < 0.001 · class p 0.00305'])
    expect(describeGistarCell({ ...cell, value: 1465.5 }, true, 'harm').lines[0]).toBe('harm 1,466 in the cell')
  })

  it('describes an emerging cell: pattern, significant months and the trend', () => {
    const cell = {
      h3: '891946092d3ffff',
      category: 'new-hot' as const,
      hotMonths: 1,
      coldMonths: 0,
      finalRun: 1,
      trend: { z: 2.630142022557628, p: 0.00853492041422708, direction: 'increasing' },
    }
    expect(describeEmergingCell(cell, 6)).toEqual({
      title: 'New hot spot',
      lines: ['hot in 1 of 6 months', 'trend in z: increasing (Mann–Kendall z 2.63, p 0.00853)'],
      detail: 'H3 cell 891946092d3ffff',
    })
    expect(describeEmergingCell(cell, 12, 'week').lines[0]).toBe('hot in 1 of 12 weeks')
  })
})

describe('hotspot layers', () => {
  it('colour Gi* cells by class and emerging cells by pattern, not-significant cells clear but pickable', () => {
    const gistar = buildGistarLayer([
      { h3: '89194609647ffff', value: 4, z: 3.9, p: 0.0001, pAdjusted: 0.003, class: 'hot-99' },
      { h3: '89194609643ffff', value: 0, z: -0.2, p: 0.8, pAdjusted: 1, class: 'not-significant' },
    ])
    const fill = gistar.props.getFillColor as unknown as (cell: { class: string }) => number[]
    expect(fill({ class: 'hot-99' })).toEqual([214, 47, 39, 210])
    // Invisible (1/255) but not fully transparent, which deck.gl would not pick for a tooltip.
    expect(fill({ class: 'not-significant' })).toEqual([0, 0, 0, 1])
    expect(gistar.props.pickable).toBe(true)
    const emerging = buildEmergingLayer([])
    expect((emerging.props.getFillColor as unknown as (cell: { category: string }) => number[])({ category: 'persistent-hot' })).toEqual([215, 48, 39, 210])
  })

  it('outline the selected location with a halo under a blue line, and nothing when none is selected', () => {
    expect(buildHighlightLayers(null)).toEqual([])
    const layers = buildHighlightLayers({ key: 'x', cells: ['89194609647ffff'] })
    expect(layers.map((layer) => layer.id)).toEqual(['hotspots-highlight-halo', HIGHLIGHT_LAYER_ID])
    expect(layers[1].props.filled).toBe(false)
  })
})
