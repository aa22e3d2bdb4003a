import { EMERGING_LAYER_ID, GISTAR_LAYER_ID } from '../hotspots/hotspot-layers'
import { HEX_LAYER_ID } from './hex-layer'

/** The layers whose objects are H3 cells (`h3`): the incident hexagons and the two hotspot layers. */
const CELL_LAYERS = new Set([HEX_LAYER_ID, GISTAR_LAYER_ID, EMERGING_LAYER_ID])

/** The H3 cell of a clicked hexagon, in any mode's hexagon layer; null for anything else (a ward, nothing). */
export function clickedCell(layerId: string | undefined, object: unknown): string | null {
  if (!object || typeof object !== 'object' || layerId === undefined || !CELL_LAYERS.has(layerId)) return null
  const cell = (object as { h3?: unknown }).h3
  return typeof cell === 'string' ? cell : null
}
