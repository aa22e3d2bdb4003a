import { GeoJsonLayer, PathLayer, TextLayer } from '@deck.gl/layers'
import type { Position } from 'geojson'
import type { WardFeature } from './map-api'
import { declutterLabels, textMeasurer } from './label-declutter'

export const WARD_AREA_LAYER_ID = 'ward-areas'
export const WARD_OUTLINE_LAYER_ID = 'ward-outlines'
export const WARD_LABEL_LAYER_ID = 'ward-labels'
export const COUNCIL_EDGE_LAYER_ID = 'council-edges'

/** The same grey as the legend's council line (OFFLINE_COLOURS.councilLine, #6b7280). */
export const COUNCIL_LINE_COLOUR: [number, number, number, number] = [107, 114, 128, 255]

export const WARD_LINE_COLOUR: [number, number, number, number] = [30, 41, 59, 200]
export const SELECTED_WARD_LINE_COLOUR: [number, number, number, number] = [37, 99, 235, 255]

export const LABEL_FONT_FAMILY = 'system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
export const LABEL_FONT_SIZE = 12
const LABEL_FONT_WEIGHT = 600

/**
 * Invisible but pickable ward polygons drawn beneath the hexagons: hovering anywhere inside a ward, not just on its
 * thin outline, identifies it, while a hexagon on top still wins where there is one.
 */
export function buildWardAreaLayer(wards: readonly WardFeature[]): GeoJsonLayer<WardFeature['properties']> {
  return new GeoJsonLayer<WardFeature['properties']>({
    id: WARD_AREA_LAYER_ID,
    data: wards as WardFeature[],
    filled: true,
    stroked: false,
    getFillColor: [0, 0, 0, 0],
    pickable: true,
    autoHighlight: true,
    highlightColor: [30, 41, 59, 28],
  })
}

/** Outlines sit above the hexagons so boundaries stay legible over the hottest areas. */
export function buildWardOutlineLayer(
  wards: readonly WardFeature[],
  selectedWard: string | null,
): GeoJsonLayer<WardFeature['properties']> {
  // Drawn last, the selected ward's outline is not overpainted where it shares an edge with a neighbour.
  const ordered = selectedWard
    ? [
        ...wards.filter((feature) => feature.properties.code !== selectedWard),
        ...wards.filter((feature) => feature.properties.code === selectedWard),
      ]
    : (wards as WardFeature[])
  return new GeoJsonLayer<WardFeature['properties']>({
    id: WARD_OUTLINE_LAYER_ID,
    data: ordered,
    filled: false,
    stroked: true,
    lineWidthUnits: 'pixels',
    lineJointRounded: true,
    getLineColor: (feature) =>
      feature.properties.code === selectedWard ? SELECTED_WARD_LINE_COLOUR : WARD_LINE_COLOUR,
    getLineWidth: (feature) => (feature.properties.code === selectedWard ? 3.5 : 1.25),
    pickable: false,
    updateTriggers: { getLineColor: selectedWard, getLineWidth: selectedWard },
  })
}

/** Council boundaries (see `councilEdges`), wider than ward lines and drawn under them. */
export function buildCouncilEdgeLayer(paths: readonly Position[][]): PathLayer<Position[]> {
  return new PathLayer<Position[]>({
    id: COUNCIL_EDGE_LAYER_ID,
    data: paths as Position[][],
    getPath: (path) => path as [number, number][],
    getColor: COUNCIL_LINE_COLOUR,
    widthUnits: 'pixels',
    getWidth: 3,
    jointRounded: true,
    capRounded: true,
    pickable: false,
  })
}

/**
 * Busier wards win label collisions, so the names a patrol planner is most likely to need are the ones that show
 * when zoomed out; the selected ward always wins.
 */
export function labelPriority(feature: WardFeature, selectedWard: string | null): number {
  if (feature.properties.code === selectedWard) return Number.MAX_SAFE_INTEGER
  return Math.max(0, feature.properties.count)
}

/** The wards whose names fit at this zoom without overprinting each other. */
export function wardsToLabel(
  wards: readonly WardFeature[],
  zoom: number,
  selectedWard: string | null,
  measure: (text: string) => number = textMeasurer(
    `${LABEL_FONT_WEIGHT} ${LABEL_FONT_SIZE}px ${LABEL_FONT_FAMILY}`,
    LABEL_FONT_SIZE,
  ),
): WardFeature[] {
  return declutterLabels(wards, {
    zoom,
    position: (feature) => [feature.properties.label_lon, feature.properties.label_lat],
    text: (feature) => feature.properties.name,
    priority: (feature) => labelPriority(feature, selectedWard),
    measure,
    lineHeight: LABEL_FONT_SIZE + 2,
    gap: 4,
  })
}

/** Expects already-decluttered wards (see `wardsToLabel`). */
export function buildWardLabelLayer(labelledWards: readonly WardFeature[]): TextLayer<WardFeature> {
  return new TextLayer<WardFeature>({
    id: WARD_LABEL_LAYER_ID,
    data: labelledWards as WardFeature[],
    getPosition: (feature) => [feature.properties.label_lon, feature.properties.label_lat],
    getText: (feature) => feature.properties.name,
    getSize: LABEL_FONT_SIZE,
    sizeUnits: 'pixels',
    getColor: [17, 24, 39, 255],
    fontFamily: LABEL_FONT_FAMILY,
    fontWeight: LABEL_FONT_WEIGHT,
    // Ward names are not all ASCII-safe (e.g. "&", accented letters in other partnerships' data).
    characterSet: 'auto',
    fontSettings: { sdf: true, fontSize: 64, buffer: 6 },
    outlineWidth: 3,
    outlineColor: [255, 255, 255, 235],
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'center',
    pickable: false,
  })
}
