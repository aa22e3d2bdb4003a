import { describe, expect, it } from 'vitest'
import { buildOfflineStyle } from './offline-style'

describe('buildOfflineStyle', () => {
  const style = buildOfflineStyle('http://127.0.0.1:8088/some/page?x=1')

  it('loads its shapes from our own API with absolute URLs', () => {
    expect(style.sources).toEqual({ wards: { type: 'geojson', data: 'http://127.0.0.1:8088/api/wards' } })
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
