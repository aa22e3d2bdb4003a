import type { FeatureCollection } from 'geojson'
import type { StyleSpecification } from 'maplibre-gl'
import { NO_STREETS_PATTERN, UNCOVERED_WARD_FILTER } from './street-coverage'
import { buildStreetLayers, OSM_ATTRIBUTION, STREETS_ARCHIVE_PATH, STREETS_SOURCE } from './street-layers'

export const OFFLINE_COLOURS = {
  background: '#e3e8ec',
  councilFill: '#f7f5f0',
  councilLine: '#6b7280',
} as const

/** The ward shapes the land is filled from: the unfiltered /api/wards. */
export const OFFLINE_LAND_URL = '/api/wards'
export const OFFLINE_LAND_SOURCE = 'wards'
export const NO_STREETS_LAYER = 'no-street-data'

const NO_FEATURES: FeatureCollection = { type: 'FeatureCollection', features: [] }

/**
 * A basemap served by this app alone: the partnership's land (the ward shapes, from our API) on a plain background,
 * and over it OpenStreetMap's streets, names, buildings, water and parks from the PMTiles archive the server serves
 * (read by the `pmtiles` protocol MapView registers). It has no `glyphs` or `sprite`, which would be fetched from the
 * internet: MapLibre draws the labels with the browser's fonts, and MapView adds the hatch image when the style loads.
 *
 * The land is filled from the ward shapes, not the council file: the two are generalised differently, and every
 * line (ward outlines, council boundaries) is drawn by deck.gl from the ward shapes, so the fill's edge must be
 * theirs too. The land's source starts empty: MapView fills it from the app's query cache. Wards the street tiles do
 * not cover are hatched (street-coverage.ts), above the streets so the odd road crossing the river fades with them.
 *
 * @param origin the page's origin: the pmtiles protocol fetches the archive by absolute URL
 */
export function buildOfflineStyle(origin: string): StyleSpecification {
  const streets = buildStreetLayers()
  return {
    version: 8,
    name: 'Patrolmap offline',
    sources: {
      [OFFLINE_LAND_SOURCE]: { type: 'geojson', data: NO_FEATURES },
      [STREETS_SOURCE]: { type: 'vector', url: `pmtiles://${origin}${STREETS_ARCHIVE_PATH}`, attribution: OSM_ATTRIBUTION },
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
      ...streets.areas,
      ...streets.lines,
      {
        id: NO_STREETS_LAYER,
        type: 'fill',
        source: OFFLINE_LAND_SOURCE,
        filter: UNCOVERED_WARD_FILTER,
        paint: { 'fill-pattern': NO_STREETS_PATTERN, 'fill-antialias': false },
      },
      ...streets.labels,
    ],
  }
}
