import { describe, expect, it } from 'vitest'
import { cellsHolding, concentrationCurve, topShare } from './concentration.js'

describe('concentrationCurve', () => {
  it('sorts cells by value descending and accumulates shares, starting at the origin', () => {
    // total 20: sorted 10, 6, 3, 1, 0
    const curve = concentrationCurve([3, 0, 10, 1, 6])
    expect(curve.map((point) => point.cells)).toEqual([0, 1, 2, 3, 4, 5])
    expect(curve.map((point) => point.cellShare)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1])
    expect(curve.map((point) => point.valueShare)).toEqual([0, 0.5, 0.8, 0.95, 1, 1])
  })

  it('uses area shares when cells differ in size', () => {
    // sorted by value: 8 (area 1), 2 (area 3) → area shares 0.25, 1
    const curve = concentrationCurve([2, 8], [3, 1])
    expect(curve.map((point) => [point.cellShare, point.valueShare])).toEqual([
      [0, 0],
      [0.25, 0.8],
      [1, 1],
    ])
  })

  it('is flat at 0 when there is nothing to concentrate, and empty input gives the origin only', () => {
    expect(concentrationCurve([0, 0]).map((point) => point.valueShare)).toEqual([0, 0, 0])
    expect(concentrationCurve([])).toEqual([{ cells: 0, cellShare: 0, valueShare: 0 }])
  })

  it('ends exactly at (1, 1) despite rounding', () => {
    const curve = concentrationCurve([0.1, 0.2, 0.3, 0.1, 0.7, 0.3])
    expect(curve[curve.length - 1]).toEqual({ cells: 6, cellShare: 1, valueShare: 1 })
  })

  it('rejects negative values and non-positive areas', () => {
    expect(() => concentrationCurve([1, -1])).toThrow(/≥ 0/)
    expect(() => concentrationCurve([1, 1], [1, 0])).toThrow(/positive/)
  })
})

describe('topShare', () => {
  const values = Array.from({ length: 20 }, (_, i) => (i < 2 ? 20 : 1)) // 2 busy cells of 20 → 40 of 58

  it('takes whole cells: the top 10% of 20 cells is 2 cells', () => {
    const point = topShare(values, 0.1)
    expect(point.cells).toBe(2)
    expect(point.valueShare).toBeCloseTo(40 / 58, 15)
  })

  it('rounds a fractional cell count up and says what share of cells that was', () => {
    // 12% of 20 cells = 2.4 → 3 cells = 15% of cells
    const point = topShare(values, 0.12)
    expect([point.cells, point.cellShare]).toEqual([3, 0.15])
    expect(point.valueShare).toBeCloseTo(41 / 58, 15)
  })

  it('does not add a cell for floating-point noise in the share', () => {
    expect(topShare(Array.from({ length: 100 }, (_, i) => i), 0.07).cells).toBe(7)
  })

  it('covers the ends', () => {
    expect(topShare(values, 0).cells).toBe(0)
    expect(topShare(values, 1)).toEqual({ cells: 20, cellShare: 1, valueShare: 1 })
    expect(() => topShare(values, 1.1)).toThrow(/share/)
  })
})

describe('cellsHolding', () => {
  it('finds the fewest top cells holding at least a given share of the value', () => {
    // 10, 6, 3, 1, 0 of 20: half needs 1 cell, 80% needs 2, 90% needs 3
    const values = [3, 0, 10, 1, 6]
    expect(cellsHolding(values, 0.5).cells).toBe(1)
    expect(cellsHolding(values, 0.8).cells).toBe(2)
    expect(cellsHolding(values, 0.9).cells).toBe(3)
  })
})
