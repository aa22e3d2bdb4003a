import { describe, expect, it } from 'vitest'
import type { FillLayerSpecification } from 'maplibre-gl'
import { buildOfflineStyle, NO_STREETS_LAYER, OFFLINE_LAND_SOURCE } from './offline-style'
import { buildHatchImage, NO_STREETS_PATTERN, STREET_COVERED_WARDS } from './street-coverage'
import { OSM_ATTRIBUTION, STREET_NAME_LAYER, STREETS_SOURCE } from './street-layers'

describe('buildOfflineStyle', () => {
  const origin = 'http://127.0.0.1:8080'
  const style = buildOfflineStyle(origin)

  it('asks only this server: the land starts empty for MapView to fill, the streets are its PMTiles archive', () => {
    expect(style.sources[OFFLINE_LAND_SOURCE]).toEqual({ type: 'geojson', data: { type: 'FeatureCollection', features: [] } })
    expect(style.sources[STREETS_SOURCE]).toEqual({
      type: 'vector',
      url: 'pmtiles://http://127.0.0.1:8080/basemap/osm-teesside-north.pmtiles',
      attribution: '© OpenStreetMap contributors',
    })
    expect(OSM_ATTRIBUTION).toBe('© OpenStreetMap contributors')
  })

  it('needs nothing from the internet: no glyphs URL (labels use the browser\'s fonts), no sprite', () => {
    expect(style.glyphs).toBeUndefined()
    expect(style.sprite).toBeUndefined()
    expect(JSON.stringify(style)).not.toMatch(/https:\/\//)
  })

  it('draws land, then water, parks, buildings and roads, the no-data hatch, and the names on top', () => {
    expect(style.layers.map((layer) => layer.id)).toEqual([
      'background', 'land-fill',
      'parks', 'parks-landuse', 'nature-reserves', 'water', 'waterways', 'buildings',
      'paths', 'rail', 'road-casings', 'roads',
      NO_STREETS_LAYER,
      STREET_NAME_LAYER, 'place-names',
    ])
    const buildings = style.layers.find((layer) => layer.id === 'buildings')
    expect(buildings?.minzoom).toBe(14)
  })

  it('places street names along their lines, from the tiles\' transportation_name layer', () => {
    const names = style.layers.find((layer) => layer.id === STREET_NAME_LAYER)
    expect(names).toMatchObject({ type: 'symbol', 'source-layer': 'transportation_name', layout: { 'symbol-placement': 'line' } })
  })

  it('hatches every ward the street tiles do not cover, with the image MapView adds when the style loads', () => {
    const hatch = style.layers.find((layer) => layer.id === NO_STREETS_LAYER) as FillLayerSpecification
    expect(hatch.source).toBe(OFFLINE_LAND_SOURCE)
    expect(hatch.paint?.['fill-pattern']).toBe(NO_STREETS_PATTERN)
    // Hartlepool's 12 wards and Stockton's 20 north of the Tees.
    expect(STREET_COVERED_WARDS).toHaveLength(32)
    expect(new Set(STREET_COVERED_WARDS).size).toBe(32)
  })
})

describe('buildHatchImage', () => {
  it('is an 8 px square of RGBA whose stripes run diagonally and tile seamlessly', () => {
    const image = buildHatchImage()
    expect(image.data).toHaveLength(8 * 8 * 4)
    const alpha = (x: number, y: number) => image.data[((y % 8) * 8 + (x % 8)) * 4 + 3]
    expect(alpha(0, 0)).toBeGreaterThan(alpha(4, 0))
    // Along a diagonal the stripe continues, across the tile's edge too.
    expect(alpha(7, 1)).toBe(alpha(0, 0))
    expect(alpha(8, 0)).toBe(alpha(0, 0))
  })
})
