import type { CellColumns } from './gistar-analysis.js'

export interface PreviousCounts {
  incidents: number
  harm: number
}

/**
 * Each location's incidents and harm in the comparison period: the same cells, the same filter, the months before
 * (null for every location when that period is not comparable, summary/comparison.ts). Run on an analysis thread.
 */
export function withPreviousCounts<T extends { cells: string[] }>(locations: T[], previous: CellColumns | null): (T & { previous: PreviousCounts | null })[] {
  if (previous === null) return locations.map((location) => ({ ...location, previous: null }))
  const byCell = new Map<string, number>()
  const cells = previous.cells === '' ? [] : previous.cells.split(',')
  cells.forEach((cell, row) => byCell.set(cell, row))
  return locations.map((location) => {
    const counts = { incidents: 0, harm: 0 }
    for (const cell of location.cells) {
      const row = byCell.get(cell)
      if (row === undefined) continue
      counts.incidents += previous.incidents[row]
      counts.harm += previous.harm[row]
    }
    return { ...location, previous: counts }
  })
}
