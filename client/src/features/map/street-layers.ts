import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl'

/** The vector source of the OpenStreetMap tiles (OpenMapTiles schema) in the offline style. */
export const STREETS_SOURCE = 'streets'
/** The archive the server serves with Range requests (server/src/features/basemap/routes.ts). */
export const STREETS_ARCHIVE_PATH = '/basemap/osm-teesside-north.pmtiles'
export const OSM_ATTRIBUTION = '© OpenStreetMap contributors'
/** The street-name layer's id, which the browser test queries for rendered names. */
export const STREET_NAME_LAYER = 'street-names'

/**
 * Quiet colours under the hexagons: greens and blues paler than any hexagon class, major roads a pale amber so they
 * read as roads without being mistaken for a count.
 */
export const STREET_COLOURS = {
  green: '#dcebd2',
  wood: '#cfe3c4',
  water: '#b9d3e6',
  building: '#e2ddd4',
  buildingLine: '#d0c9bd',
  casing: '#cbc6bb',
  minor: '#ffffff',
  major: '#fbe3b0',
  trunk: '#f6c98d',
  path: '#a8a29e',
  rail: '#a3a3a3',
  label: '#374151',
  labelHalo: '#ffffff',
} as const

/**
 * Fonts for the labels. The style has no `glyphs` URL, so MapLibre draws every label with the browser's own fonts
 * (TinySDF on a canvas): nothing is fetched, on- or offline. The names are CSS families; the first name's weight
 * word ("Bold") sets the weight, and sans-serif is always the last resort.
 */
export const LABEL_FONT = ['sans-serif']
export const PLACE_FONT = ['Sans Bold']

/** OpenMapTiles names each feature's Latin name `name:latin`; `name` is the schema's plain field where present. */
const NAME: ExpressionSpecification = ['coalesce', ['get', 'name:latin'], ['get', 'name']]

const MAJOR_CLASSES = ['motorway', 'trunk', 'primary']
const MID_CLASSES = ['secondary', 'tertiary']
const MINOR_CLASSES = ['minor', 'service', 'pedestrian']
const PATH_CLASSES = ['path', 'track']
const ROAD_CLASSES = [...MAJOR_CLASSES, ...MID_CLASSES, ...MINOR_CLASSES]

/** A road's drawn width by class, growing with zoom (base 1.5: doubles about every 1.7 zoom levels). */
function roadWidth(extra: number): ExpressionSpecification {
  const byClass = (major: number, mid: number, minor: number): ExpressionSpecification => [
    'match', ['get', 'class'],
    MAJOR_CLASSES, major + extra,
    MID_CLASSES, mid + extra,
    'service', minor / 2 + extra / 2,
    minor + extra,
  ]
  return ['interpolate', ['exponential', 1.5], ['zoom'], 10, byClass(1.2, 0.6, 0.3), 14, byClass(5, 3.5, 2.5), 17, byClass(16, 12, 9)]
}

const classIn = (classes: string[]): ExpressionSpecification => ['in', ['get', 'class'], ['literal', classes]]

/**
 * The street basemap's layers from the bottom up: parks and woods, water, buildings, roads by class, rail, then street
 * names along their lines and place names. The land itself (the ward shapes) is drawn beneath them, and the
 * no-street-data hatch and the labels above.
 */
export function buildStreetLayers(): { areas: LayerSpecification[]; lines: LayerSpecification[]; labels: LayerSpecification[] } {
  const source = STREETS_SOURCE
  const areas: LayerSpecification[] = [
    {
      id: 'parks',
      type: 'fill',
      source,
      'source-layer': 'landcover',
      filter: classIn(['grass', 'wood']),
      paint: { 'fill-color': ['match', ['get', 'class'], 'wood', STREET_COLOURS.wood, STREET_COLOURS.green] },
    },
    {
      id: 'parks-landuse',
      type: 'fill',
      source,
      'source-layer': 'landuse',
      filter: classIn(['pitch', 'playground', 'cemetery', 'stadium']),
      paint: { 'fill-color': STREET_COLOURS.green },
    },
    { id: 'nature-reserves', type: 'fill', source, 'source-layer': 'park', paint: { 'fill-color': STREET_COLOURS.green, 'fill-opacity': 0.6 } },
    { id: 'water', type: 'fill', source, 'source-layer': 'water', paint: { 'fill-color': STREET_COLOURS.water } },
    {
      id: 'waterways',
      type: 'line',
      source,
      'source-layer': 'waterway',
      paint: {
        'line-color': STREET_COLOURS.water,
        'line-width': ['interpolate', ['linear'], ['zoom'], 10, ['match', ['get', 'class'], 'river', 1.5, 0.5], 16, ['match', ['get', 'class'], 'river', 6, 2]],
      },
    },
    {
      id: 'buildings',
      type: 'fill',
      source,
      'source-layer': 'building',
      minzoom: 14,
      paint: { 'fill-color': STREET_COLOURS.building, 'fill-outline-color': STREET_COLOURS.buildingLine },
    },
  ]
  const lines: LayerSpecification[] = [
    {
      id: 'paths',
      type: 'line',
      source,
      'source-layer': 'transportation',
      minzoom: 14,
      filter: classIn(PATH_CLASSES),
      paint: { 'line-color': STREET_COLOURS.path, 'line-width': 1, 'line-dasharray': [2, 1.5] },
    },
    {
      id: 'rail',
      type: 'line',
      source,
      'source-layer': 'transportation',
      filter: classIn(['rail']),
      paint: { 'line-color': STREET_COLOURS.rail, 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.5, 16, 2] },
    },
    {
      id: 'road-casings',
      type: 'line',
      source,
      'source-layer': 'transportation',
      filter: classIn(ROAD_CLASSES),
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': STREET_COLOURS.casing, 'line-width': roadWidth(1.5) },
    },
    {
      id: 'roads',
      type: 'line',
      source,
      'source-layer': 'transportation',
      filter: classIn(ROAD_CLASSES),
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': ['match', ['get', 'class'], ['motorway', 'trunk'], STREET_COLOURS.trunk, 'primary', STREET_COLOURS.major, STREET_COLOURS.minor],
        'line-width': roadWidth(0),
      },
    },
  ]
  const labels: LayerSpecification[] = [
    {
      id: STREET_NAME_LAYER,
      type: 'symbol',
      source,
      'source-layer': 'transportation_name',
      filter: classIn([...ROAD_CLASSES, ...PATH_CLASSES]),
      layout: {
        'symbol-placement': 'line',
        'text-field': NAME,
        'text-font': LABEL_FONT,
        'text-size': ['interpolate', ['linear'], ['zoom'], 13, 10, 17, 14],
        'text-max-angle': 35,
        'symbol-spacing': 300,
      },
      paint: { 'text-color': STREET_COLOURS.label, 'text-halo-color': STREET_COLOURS.labelHalo, 'text-halo-width': 1.5 },
    },
    {
      id: 'place-names',
      type: 'symbol',
      source,
      'source-layer': 'place',
      filter: classIn(['town', 'suburb', 'village', 'hamlet']),
      layout: {
        'text-field': NAME,
        'text-font': PLACE_FONT,
        'text-size': ['match', ['get', 'class'], 'town', 15, 'hamlet', 11, 12],
        'text-max-width': 8,
        'text-padding': 6,
      },
      paint: { 'text-color': STREET_COLOURS.label, 'text-halo-color': STREET_COLOURS.labelHalo, 'text-halo-width': 1.5 },
    },
  ]
  return { areas, lines, labels }
}
