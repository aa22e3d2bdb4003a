import { cellArea, latLngToCell } from 'h3-js'
import { describe, expect, it } from 'vitest'
import { MAX_AREA_CELLS } from '../../../../server/src/features/tasks/area-limits'
import { EMPTY_SELECTION, pendingAreaOf, selectionAreaKm2, toggleCell } from './cell-selection'

const a = latLngToCell(54.57, -1.32, 9)
const b = latLngToCell(54.58, -1.31, 9)

describe('picking hexagons for a task area', () => {
  it('adds a cell on the first click and takes it out on the second', () => {
    const one = toggleCell(EMPTY_SELECTION, a)
    expect(one).toEqual({ res: 9, cells: [a], notice: null })
    const two = toggleCell(one, b)
    expect(two.cells).toEqual([a, b])
    expect(toggleCell(two, a).cells).toEqual([b])
  })

  it('starts again, and says so, when a cell of another resolution is clicked', () => {
    const other = latLngToCell(54.57, -1.32, 10)
    const next = toggleCell(toggleCell(EMPTY_SELECTION, a), other)
    expect(next.cells).toEqual([other])
    expect(next.res).toBe(10)
    expect(next.notice).toMatch(/resolution 10/)
  })

  it('refuses a cell past the server’s limit, with the reason', () => {
    const full = { res: 9, cells: Array.from({ length: MAX_AREA_CELLS }, (_, index) => `89${index}`), notice: null }
    const next = toggleCell(full, a)
    expect(next.cells).toHaveLength(MAX_AREA_CELLS)
    expect(next.notice).toMatch(String(MAX_AREA_CELLS))
  })

  it('measures the area as the sum of the cells’ areas and hands the form sorted cells', () => {
    const selection = toggleCell(toggleCell(EMPTY_SELECTION, b), a)
    expect(selectionAreaKm2(selection)).toBeCloseTo(cellArea(a, 'km2') + cellArea(b, 'km2'), 10)
    expect(pendingAreaOf(selection)).toEqual({
      area: { source: 'cells', res: 9, cells: [a, b].sort() },
      title: '',
      label: '2 hexagons picked on the map (resolution 9)',
    })
    expect(pendingAreaOf(EMPTY_SELECTION)).toBeNull()
  })
})
