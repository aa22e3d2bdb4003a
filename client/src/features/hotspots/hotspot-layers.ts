import { H3HexagonLayer } from '@deck.gl/geo-layers'
import { GeoJsonLayer } from '@deck.gl/layers'
import type { Feature, MultiPolygon } from 'geojson'
import type { EmergingCell, GiStarCell } from './hotspot-api'
import { emergingFill, gistarFill, type Rgba } from './hotspot-colours'
import { cellsGeometry } from './problem-locations'

export const GISTAR_LAYER_ID = 'hotspots-gistar'
export const EMERGING_LAYER_ID = 'hotspots-emerging'
export const HIGHLIGHT_HALO_LAYER_ID = 'hotspots-highlight-halo'
export const HIGHLIGHT_LAYER_ID = 'hotspots-highlight'

/** The selected problem location's outline: strong blue on a white halo, readable over red and blue cells alike. */
export const HIGHLIGHT_LINE_COLOUR: Rgba = [29, 78, 216, 255]
export const HIGHLIGHT_HALO_COLOUR: Rgba = [255, 255, 255, 230]
export const HIGHLIGHT_LINE_WIDTH_PX = 3

/** Neighbouring cells of one class would merge into a blob without a faint rim; transparent cells get none. */
function rimFor(fill: Rgba): Rgba {
  return fill[3] === 0 ? [0, 0, 0, 0] : [60, 20, 10, 60]
}

/**
 * deck.gl does not pick fully transparent objects, so not-significant cells get an alpha of 1/255: invisible, but
 * hovering one still tells its numbers.
 */
export function pickableFill(fill: Rgba): Rgba {
  return fill[3] === 0 ? [0, 0, 0, 1] : fill
}

export function buildGistarLayer(cells: readonly GiStarCell[]): H3HexagonLayer<GiStarCell> {
  return new H3HexagonLayer<GiStarCell>({
    id: GISTAR_LAYER_ID,
    data: cells as GiStarCell[],
    getHexagon: (cell) => cell.h3,
    extruded: false,
    filled: true,
    getFillColor: (cell) => pickableFill(gistarFill(cell.class)),
    stroked: true,
    getLineColor: (cell) => rimFor(gistarFill(cell.class)),
    lineWidthUnits: 'pixels',
    getLineWidth: 0.5,
    pickable: true,
    autoHighlight: true,
    highlightColor: [17, 24, 39, 90],
  })
}

export function buildEmergingLayer(cells: readonly EmergingCell[]): H3HexagonLayer<EmergingCell> {
  return new H3HexagonLayer<EmergingCell>({
    id: EMERGING_LAYER_ID,
    data: cells as EmergingCell[],
    getHexagon: (cell) => cell.h3,
    extruded: false,
    filled: true,
    getFillColor: (cell) => emergingFill(cell.category),
    stroked: true,
    getLineColor: (cell) => rimFor(emergingFill(cell.category)),
    lineWidthUnits: 'pixels',
    getLineWidth: 0.5,
    pickable: true,
    autoHighlight: true,
    highlightColor: [17, 24, 39, 90],
  })
}

export interface HighlightedLocation {
  key: string
  cells: readonly string[]
}

/** The outline of the selected problem location's cells (their merged boundary, not every cell's edges). */
export function buildHighlightLayers(location: HighlightedLocation | null): GeoJsonLayer[] {
  if (!location || location.cells.length === 0) return []
  const feature: Feature<MultiPolygon> = { type: 'Feature', properties: {}, geometry: cellsGeometry(location.cells) }
  const common = {
    data: [feature],
    filled: false,
    stroked: true,
    lineWidthUnits: 'pixels' as const,
    lineJointRounded: true,
    pickable: false,
  }
  return [
    new GeoJsonLayer({ ...common, id: HIGHLIGHT_HALO_LAYER_ID, getLineColor: HIGHLIGHT_HALO_COLOUR, getLineWidth: HIGHLIGHT_LINE_WIDTH_PX + 3 }),
    new GeoJsonLayer({ ...common, id: HIGHLIGHT_LAYER_ID, getLineColor: HIGHLIGHT_LINE_COLOUR, getLineWidth: HIGHLIGHT_LINE_WIDTH_PX }),
  ]
}
