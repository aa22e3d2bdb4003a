import type { StyleSpecification } from 'maplibre-gl'

export const OFFLINE_COLOURS = {
  background: '#e3e8ec',
  councilFill: '#f7f5f0',
  wardLine: '#cfc9bd',
  councilLine: '#6b7280',
} as const

/**
 * A basemap built only from our own API: council shapes and ward lines on a plain background. It deliberately has
 * no `glyphs` or `sprite`, because those would be fetched from the internet; place names are drawn by deck.gl's
 * TextLayer instead. URLs are absolute because MapLibre fetches GeoJSON from a worker, whose base URL differs.
 */
export function buildOfflineStyle(origin: string): StyleSpecification {
  const councilsData = new URL('/api/councils', origin).href
  const wardsData = new URL('/api/wards', origin).href
  return {
    version: 8,
    name: 'Patrolmap offline',
    sources: {
      councils: { type: 'geojson', data: councilsData },
      wards: { type: 'geojson', data: wardsData },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': OFFLINE_COLOURS.background } },
      {
        id: 'council-fill',
        type: 'fill',
        source: 'councils',
        paint: { 'fill-color': OFFLINE_COLOURS.councilFill },
      },
      {
        id: 'ward-lines',
        type: 'line',
        source: 'wards',
        paint: { 'line-color': OFFLINE_COLOURS.wardLine, 'line-width': 0.75 },
      },
      {
        id: 'council-lines',
        type: 'line',
        source: 'councils',
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': OFFLINE_COLOURS.councilLine,
          'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1, 14, 3],
        },
      },
    ],
  }
}
