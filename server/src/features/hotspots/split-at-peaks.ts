import { cellArea, gridDisk } from 'h3-js'
import { clusterCells } from './cluster-cells.js'

/**
 * The largest area a problem location may cover: a beat an officer can walk in one visit. A foot patrol walks about
 * 4 km/h with stops, so a 15-minute visit (Koper's dosage) covers about 1 km; a compact area of 0.5 km² is about
 * 0.8 km across, so crossing it and coming back along streets fits in the visit. docs/hotspot-methods.md,
 * "Patrol-sized problem locations".
 */
export const MAX_LOCATION_AREA_KM2 = 0.5

/** A cell's area in km², as h3-js measures it (cells shrink towards the poles, so it is measured, not looked up). */
export function cellAreaKm2(cell: string): number {
  return cellArea(cell, 'km2')
}

export function areaKm2(cells: readonly string[]): number {
  return cells.reduce((sum, cell) => sum + cellAreaKm2(cell), 0)
}

/** Higher value first, then the lower cell id: a strict order, so peaks and growth never depend on input order. */
function before(valueOf: (cell: string) => number, a: string, b: string): boolean {
  const difference = valueOf(a) - valueOf(b)
  return difference > 0 || (difference === 0 && a < b)
}

interface Waiting {
  cell: string
  region: number
}

/**
 * A binary heap of cells waiting on a part's edge: the one `before` ranks first on top, and for one cell waiting on
 * two parts, the part of the higher peak (parts are numbered highest peak first).
 */
class CellHeap {
  private readonly items: Waiting[] = []
  private readonly first: (a: Waiting, b: Waiting) => boolean
  constructor(cellFirst: (a: string, b: string) => boolean) {
    this.first = (a, b) => (a.cell === b.cell ? a.region < b.region : cellFirst(a.cell, b.cell))
  }
  get size() {
    return this.items.length
  }
  push(item: Waiting) {
    const items = this.items
    items.push(item)
    let index = items.length - 1
    while (index > 0) {
      const parent = (index - 1) >> 1
      if (!this.first(items[index], items[parent])) break
      ;[items[index], items[parent]] = [items[parent], items[index]]
      index = parent
    }
  }
  pop() {
    const items = this.items
    const top = items[0]
    const last = items.pop()!
    if (items.length > 0) {
      items[0] = last
      let index = 0
      for (;;) {
        const left = 2 * index + 1
        const right = left + 1
        let best = index
        if (left < items.length && this.first(items[left], items[best])) best = left
        if (right < items.length && this.first(items[right], items[best])) best = right
        if (best === index) break
        ;[items[index], items[best]] = [items[best], items[index]]
        index = best
      }
    }
    return top
  }
}

/**
 * Splits a cluster of touching cells into parts no larger than `maxAreaKm2`, at its local peaks. A cluster that fits
 * stays whole. Otherwise every local peak (a cell ranked above each of its neighbours in the cluster, by value and
 * then cell id) seeds a part, and the parts grow together from the highest cells outward (a watershed: the highest
 * cell waiting on any part's edge joins that part next), so each cell goes to the peak it is reached from first and
 * two peaks are parted along the valley between them. A part stops taking cells at the bound; cells left over are
 * split again the same way, as clusters of their own. A single cell is never split, so where one cell is larger than
 * the bound (resolution 8 and coarser) each part is one cell. Parts come out with their cells sorted, highest peak
 * first.
 */
export function splitAtPeaks(cluster: readonly string[], valueOf: (cell: string) => number, maxAreaKm2: number = MAX_LOCATION_AREA_KM2): string[][] {
  if (areaKm2(cluster) <= maxAreaKm2) return [[...cluster].sort()]
  const members = new Set(cluster)
  const neighboursOf = (cell: string) => gridDisk(cell, 1).filter((other) => other !== cell && members.has(other))
  const first = (a: string, b: string) => before(valueOf, a, b)
  const peaks = [...cluster].filter((cell) => neighboursOf(cell).every((other) => first(cell, other))).sort((a, b) => (first(a, b) ? -1 : 1))

  const regionOf = new Map<string, number>()
  const parts: { cells: string[]; area: number }[] = []
  const waiting = new CellHeap(first)
  for (const peak of peaks) {
    waiting.push({ cell: peak, region: parts.length })
    parts.push({ cells: [], area: 0 })
  }
  while (waiting.size > 0) {
    const { cell, region } = waiting.pop()
    if (regionOf.has(cell)) continue
    const part = parts[region]
    const area = cellAreaKm2(cell)
    // A part's first cell always fits, even when it alone is larger than the bound.
    if (part.cells.length > 0 && part.area + area > maxAreaKm2) continue
    regionOf.set(cell, region)
    part.cells.push(cell)
    part.area += area
    for (const neighbour of neighboursOf(cell)) if (!regionOf.has(neighbour)) waiting.push({ cell: neighbour, region })
  }

  const leftOver = cluster.filter((cell) => !regionOf.has(cell))
  const rest = clusterCells(leftOver).flatMap((part) => splitAtPeaks(part, valueOf, maxAreaKm2))
  const peakOf = (cells: readonly string[]) => cells.reduce((best, cell) => (first(cell, best) ? cell : best))
  return [...parts.map((part) => part.cells.sort()), ...rest].sort((a, b) => (first(peakOf(a), peakOf(b)) ? -1 : 1))
}
