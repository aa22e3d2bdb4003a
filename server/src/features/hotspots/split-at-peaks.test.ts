import { gridDisk, gridDistance, gridPathCells, latLngToCell } from 'h3-js'
import { describe, expect, it } from 'vitest'
import { areaKm2, cellAreaKm2, MAX_LOCATION_AREA_KM2, splitAtPeaks } from './split-at-peaks.js'

describe('splitAtPeaks', () => {
  const centre = latLngToCell(54.5655, -1.3187, 9)

  it('keeps a cluster that fits the bound whole', () => {
    const ring = gridDisk(centre, 1)
    expect(areaKm2(ring)).toBeLessThan(1)
    expect(splitAtPeaks(ring, () => 1, 1)).toEqual([[...ring].sort()])
  })

  it('splits a two-peak line in two at the valley between the peaks', () => {
    const end = gridDisk(centre, 7).find((cell) => gridDistance(centre, cell) === 7)!
    const line = gridPathCells(centre, end)
    expect(line).toHaveLength(8)
    // Two hills, 9 and 8 high, with a valley of 1 between them: cells 0–3 belong to the first, 4–7 to the second.
    const heights = [3, 9, 4, 1, 2, 5, 8, 2]
    const valueOf = (cell: string) => heights[line.indexOf(cell)]
    expect(areaKm2(line)).toBeGreaterThan(MAX_LOCATION_AREA_KM2)
    const parts = splitAtPeaks(line, valueOf)
    expect(parts).toEqual([line.slice(0, 4).sort(), line.slice(4).sort()])
    for (const part of parts) expect(areaKm2(part)).toBeLessThanOrEqual(MAX_LOCATION_AREA_KM2)
  })

  it('keeps every part within the bound, using every cell once, whatever order the cells come in', () => {
    const disk = gridDisk(centre, 4)
    const valueOf = (cell: string) => 10 - gridDistance(centre, cell) + (cell.charCodeAt(12) % 3)
    const parts = splitAtPeaks(disk, valueOf)
    expect(parts.length).toBeGreaterThan(1)
    expect(parts.flat().sort()).toEqual([...disk].sort())
    for (const part of parts) expect(areaKm2(part)).toBeLessThanOrEqual(MAX_LOCATION_AREA_KM2 + 1e-12)
    expect(splitAtPeaks([...disk].reverse(), valueOf)).toEqual(parts)
    // The highest cell starts the first part.
    expect(parts[0]).toContain(disk.reduce((best, cell) => (valueOf(cell) > valueOf(best) ? cell : best)))
  })

  it('makes each cell a part of its own where one cell is larger than the bound', () => {
    const coarse = gridDisk(latLngToCell(54.5655, -1.3187, 8), 1)
    expect(cellAreaKm2(coarse[0])).toBeGreaterThan(MAX_LOCATION_AREA_KM2)
    expect(splitAtPeaks(coarse, () => 1)).toHaveLength(coarse.length)
  })
})
