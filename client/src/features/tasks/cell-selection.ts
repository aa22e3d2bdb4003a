/**
 * Hexagons picked on the map for a task area: clicking a hexagon adds it, clicking it again takes it out. Cells of one
 * resolution only (the server stores an area's cells with one resolution): a click at another zoom's resolution starts
 * a new selection, and says so.
 */
import { cellArea, getResolution } from 'h3-js'
import { MAX_AREA_CELLS } from '../../../../server/src/features/tasks/area-limits'
import type { PendingArea } from './new-task-area'

export interface CellSelection {
  res: number | null
  cells: readonly string[]
  /** Why the last click did not simply toggle a cell, in words; null when it did. */
  notice: string | null
}

export const EMPTY_SELECTION: CellSelection = { res: null, cells: [], notice: null }

export function toggleCell(selection: CellSelection, cell: string): CellSelection {
  const res = getResolution(cell)
  if (selection.res !== null && selection.res !== res && selection.cells.length > 0) {
    return { res, cells: [cell], notice: `The map now shows resolution ${res} hexagons, so the selection started again.` }
  }
  if (selection.cells.includes(cell)) return { res, cells: selection.cells.filter((picked) => picked !== cell), notice: null }
  if (selection.cells.length >= MAX_AREA_CELLS) {
    return { ...selection, notice: `A task area holds at most ${MAX_AREA_CELLS} hexagons.` }
  }
  return { res, cells: [...selection.cells, cell], notice: null }
}

/** Ground area in km² (h3-js's spherical cell areas). */
export function selectionAreaKm2(selection: CellSelection): number {
  return selection.cells.reduce((sum, cell) => sum + cellArea(cell, 'km2'), 0)
}

export function selectionLabel(selection: CellSelection): string {
  const count = selection.cells.length
  return `${count} ${count === 1 ? 'hexagon' : 'hexagons'} picked on the map (resolution ${selection.res})`
}

/** The area handed to the new-task form. */
export function pendingAreaOf(selection: CellSelection): PendingArea | null {
  if (selection.res === null || selection.cells.length === 0) return null
  return {
    area: { source: 'cells', res: selection.res, cells: [...selection.cells].sort() },
    title: '',
    label: selectionLabel(selection),
  }
}
