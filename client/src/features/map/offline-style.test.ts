import { describe, expect, it } from 'vitest'
import { buildOfflineStyle, OFFLINE_LAND_SOURCE } from './offline-style'

describe('buildOfflineStyle', () => {
  const style = buildOfflineStyle()

  it('asks nothing itself: its one source starts empty, for MapView to fill with the ward shapes it has', () => {
    expect(style.sources).toEqual({ [OFFLINE_LAND_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } })
  })

  it('needs nothing from the internet: no glyphs, no sprite, no symbol layers', () => {
    expect(style.glyphs).toBeUndefined()
    expect(style.sprite).toBeUndefined()
    expect(style.layers.some((layer) => layer.type === 'symbol')).toBe(false)
    expect(JSON.stringify(style)).not.toMatch(/https:\/\//)
  })

  it('fills the land and draws no lines: deck.gl draws every boundary from the same ward shapes', () => {
    expect(style.layers.map((layer) => layer.id)).toEqual(['background', 'land-fill'])
    expect(style.layers.some((layer) => layer.type === 'line')).toBe(false)
  })
})
