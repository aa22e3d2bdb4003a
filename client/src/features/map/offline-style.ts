import type { StyleSpecification } from 'maplibre-gl'

export const OFFLINE_COLOURS = {
  background: '#e3e8ec',
  councilFill: '#f7f5f0',
  councilLine: '#6b7280',
} as const

/**
 * A basemap built only from our own API: the partnership's land on a plain background. It deliberately has no
 * `glyphs` or `sprite`, because those would be fetched from the internet; place names are drawn by deck.gl's
 * TextLayer instead. URLs are absolute because MapLibre fetches GeoJSON from a worker, whose base URL differs.
 *
 * The land is filled from the ward shapes, not the council file: the two are generalised differently, and every
 * line (ward outlines, council boundaries) is drawn by deck.gl from the ward shapes, so the fill's edge must be
 * theirs too. Drawing lines here as well gave doubled, slightly offset outlines.
 */
export function buildOfflineStyle(origin: string): StyleSpecification {
  const wardsData = new URL('/api/wards', origin).href
  return {
    version: 8,
    name: 'Patrolmap offline',
    sources: {
      wards: { type: 'geojson', data: wardsData },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': OFFLINE_COLOURS.background } },
      {
        id: 'land-fill',
        type: 'fill',
        source: 'wards',
        // Antialiased edges between neighbouring wards would show as faint seams.
        paint: { 'fill-color': OFFLINE_COLOURS.councilFill, 'fill-antialias': false },
      },
    ],
  }
}
