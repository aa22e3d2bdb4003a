import type { HexCell, WardProperties } from './map-api'
import { formatCount } from '../../shared/format'
import { describeChange, type Comparison } from '../../shared/period-change'
import { HEX_LAYER_ID } from './hex-layer'
import { WARD_AREA_LAYER_ID } from './ward-layers'

export interface TooltipContent {
  title: string
  /** Plain lines under the title (numbers a person reads). */
  lines?: string[]
  /** Small monospace line (identifiers). */
  detail?: string
}

export function incidentsPhrase(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'incident' : 'incidents'}`
}

/**
 * Pure wording for whatever is under the pointer; null means no tooltip. With the wards' comparison (their answer's),
 * a ward's line says its change against the period before.
 */
export function describeHover(layerId: string | undefined, object: unknown, comparison?: Comparison | null): TooltipContent | null {
  if (!object || typeof object !== 'object') return null
  if (layerId === HEX_LAYER_ID) {
    const cell = object as HexCell
    return { title: incidentsPhrase(cell.count), detail: `H3 cell ${cell.h3}` }
  }
  if (layerId === WARD_AREA_LAYER_ID) {
    const ward = (object as { properties: WardProperties }).properties
    const title = `${ward.name} (${ward.councilName}) — ${incidentsPhrase(ward.count)}`
    return comparison === undefined ? { title } : { title, lines: [describeChange(ward.count, ward.previousCount, comparison)] }
  }
  return null
}

/** Room the tooltip needs beside the pointer before it flips to the other side. */
const TOOLTIP_ROOM = { width: 340, height: 80 }
const POINTER_GAP = 14

export interface TooltipPlacement {
  left: number
  top: number
  /** CSS transform that moves the box to the pointer's left and/or above it when there is no room otherwise. */
  transform: string
}

/** Keeps the tooltip inside the map: it sits below-right of the pointer unless that would run off an edge. */
export function tooltipPlacement(x: number, y: number, mapWidth: number, mapHeight: number): TooltipPlacement {
  const flipX = x + POINTER_GAP + TOOLTIP_ROOM.width > mapWidth && x > mapWidth / 2
  const flipY = y + POINTER_GAP + TOOLTIP_ROOM.height > mapHeight && y > mapHeight / 2
  return {
    left: flipX ? x - POINTER_GAP : x + POINTER_GAP,
    top: flipY ? y - POINTER_GAP : y + POINTER_GAP,
    transform: `translate(${flipX ? '-100%' : '0'}, ${flipY ? '-100%' : '0'})`,
  }
}
