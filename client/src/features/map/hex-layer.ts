import { H3HexagonLayer } from '@deck.gl/geo-layers'
import type { HexCell } from './map-api'
import type { ColourScale } from './colour-scale'

export const HEX_LAYER_ID = 'hexes'

/** Translucent enough that ward lines and the basemap's council edges still read through the busiest cells. */
export const HEX_FILL_ALPHA = 200

export function buildHexLayer(cells: readonly HexCell[], scale: ColourScale): H3HexagonLayer<HexCell> {
  return new H3HexagonLayer<HexCell>({
    id: HEX_LAYER_ID,
    data: cells as HexCell[],
    getHexagon: (cell) => cell.h3,
    extruded: false,
    filled: true,
    getFillColor: (cell) => [...scale.colourFor(cell.count), HEX_FILL_ALPHA],
    // A faint rim separates neighbouring cells of the same class, which otherwise merge into one blob.
    stroked: true,
    getLineColor: [120, 53, 15, 70],
    lineWidthUnits: 'pixels',
    getLineWidth: 0.5,
    pickable: true,
    autoHighlight: true,
    highlightColor: [17, 24, 39, 110],
    updateTriggers: { getFillColor: scale.key },
  })
}
