import { describe, expect, it } from 'vitest'
import { buildOfflineStyle } from './offline-style'

describe('buildOfflineStyle', () => {
  const style = buildOfflineStyle('http://127.0.0.1:8088/some/page?x=1')

  it('loads its shapes from our own API with absolute URLs', () => {
    expect(style.sources.councils).toEqual({ type: 'geojson', data: 'http://127.0.0.1:8088/api/councils' })
    expect(style.sources.wards).toEqual({ type: 'geojson', data: 'http://127.0.0.1:8088/api/wards' })
  })

  it('needs nothing from the internet: no glyphs, no sprite, no symbol layers', () => {
    expect(style.glyphs).toBeUndefined()
    expect(style.sprite).toBeUndefined()
    expect(style.layers.some((layer) => layer.type === 'symbol')).toBe(false)
    expect(JSON.stringify(style)).not.toMatch(/https:\/\//)
  })

  it('draws council fill under ward and council lines', () => {
    expect(style.layers.map((layer) => layer.id)).toEqual(['background', 'council-fill', 'ward-lines', 'council-lines'])
  })
})
