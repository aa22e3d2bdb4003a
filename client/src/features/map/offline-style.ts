import type { FeatureCollection } from 'geojson'
import type { StyleSpecification } from 'maplibre-gl'

export const OFFLINE_COLOURS = {
  background: '#e3e8ec',
  councilFill: '#f7f5f0',
  councilLine: '#6b7280',
} as const

/** The ward shapes the land is filled from: the unfiltered /api/wards. */
export const OFFLINE_LAND_URL = '/api/wards'
export const OFFLINE_LAND_SOURCE = 'wards'

const NO_FEATURES: FeatureCollection = { type: 'FeatureCollection', features: [] }

/**
 * A basemap built only from our own API: the partnership's land on a plain background. It deliberately has no
 * `glyphs` or `sprite`, because those would be fetched from the internet; place names are drawn by deck.gl's
 * TextLayer instead. The land's source starts empty: MapView fills it with OFFLINE_LAND_URL's shapes from the app's
 * query cache, so a map opened again (back from another page) does not ask for them again.
 *
 * The land is filled from the ward shapes, not the council file: the two are generalised differently, and every
 * line (ward outlines, council boundaries) is drawn by deck.gl from the ward shapes, so the fill's edge must be
 * theirs too. Drawing lines here as well gave doubled, slightly offset outlines.
 */
export function buildOfflineStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'Patrolmap offline',
    sources: {
      [OFFLINE_LAND_SOURCE]: { type: 'geojson', data: NO_FEATURES },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': OFFLINE_COLOURS.background } },
      {
        id: 'land-fill',
        type: 'fill',
        source: OFFLINE_LAND_SOURCE,
        // Antialiased edges between neighbouring wards would show as faint seams.
        paint: { 'fill-color': OFFLINE_COLOURS.councilFill, 'fill-antialias': false },
      },
    ],
  }
}
