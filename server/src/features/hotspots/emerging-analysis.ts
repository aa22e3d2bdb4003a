import type { EmergingCategory } from './hotspot-classes.js'
import { classifyEmergingSeries, type EmergingResult } from './stats/emerging.js'
import { giStar } from './stats/gistar.js'
import { bhRejectionCutoff } from './stats/hotspot-class.js'
import type { StudyArea } from './study-area.js'

export interface EmergingCells {
  area: StudyArea
  months: string[]
  /** Per cell: its category and the evidence for it. */
  results: EmergingResult[]
}

/**
 * Emerging hot spots: Gi* month by month on the same study area and neighbours, then each cell's run of monthly
 * classes and the Mann–Kendall trend of its monthly z-scores give its category (definitions: docs/hotspot-methods.md).
 */
export function emergingOn(area: StudyArea, months: string[], valuesByMonth: Float64Array[], fdr: boolean): EmergingCells {
  const series = monthlySeries(area, valuesByMonth, fdr)
  return { area, months, results: area.cells.map((_, cell) => series.classify(cell)) }
}

/**
 * The same for some cells only (indices into the area), e.g. those of problem locations: each month's Gi* still runs
 * on every cell, since every cell's value enters its neighbours' z and every p-value the month's FDR correction.
 */
export function emergingOfCells(area: StudyArea, valuesByMonth: Float64Array[], fdr: boolean, cells: Iterable<number>): Map<number, EmergingResult> {
  const series = monthlySeries(area, valuesByMonth, fdr)
  return new Map(Array.from(cells, (cell) => [cell, series.classify(cell)]))
}

/**
 * Gi* month by month, kept as each cell's z and its significance sign (+1 hot, −1 cold, 0 neither, at 90% or more:
 * what the emerging categories are defined on), and a classifier for one cell's run of months.
 */
function monthlySeries(area: StudyArea, valuesByMonth: Float64Array[], fdr: boolean): { classify(cell: number): EmergingResult } {
  const zByMonth: Float64Array[] = []
  const signsByMonth: Int8Array[] = []
  for (const values of valuesByMonth) {
    const { z, p } = giStar(values, area.neighbours, { pValues: 'up-to-0.10' })
    // Significant at 90%: the class rule (p ≤ 0.10, z ≠ 0), on BH-adjusted p when asked, whose cutoff gives the same.
    const cutoff = fdr ? bhRejectionCutoff(p, 0.1) : 0.1
    const signs = new Int8Array(z.length)
    for (let cell = 0; cell < z.length; cell++) if (p[cell] <= cutoff) signs[cell] = z[cell] > 0 ? 1 : z[cell] < 0 ? -1 : 0
    zByMonth.push(z)
    signsByMonth.push(signs)
  }
  // One cell's series at a time, in buffers reused from cell to cell (the results keep none of them).
  const zSeries = new Float64Array(valuesByMonth.length)
  const signSeries = new Int8Array(valuesByMonth.length)
  return {
    classify(cell) {
      for (let month = 0; month < valuesByMonth.length; month++) {
        zSeries[month] = zByMonth[month][cell]
        signSeries[month] = signsByMonth[month][cell]
      }
      return classifyEmergingSeries(zSeries, signSeries)
    },
  }
}

export type { EmergingCategory }
