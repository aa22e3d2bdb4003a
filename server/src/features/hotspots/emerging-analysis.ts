import type pg from 'pg'
import type { GiStarRequest } from './gistar-analysis.js'
import { monthlyCellValues } from './monthly-cell-values.js'
import { classifyEmerging, type EmergingCategory, type EmergingResult } from './stats/emerging.js'
import { giStar } from './stats/gistar.js'
import { classifyHotspots, type HotspotClass } from './stats/hotspot-class.js'
import type { StudyArea, StudyAreas } from './study-area.js'

export interface EmergingCells {
  area: StudyArea
  months: string[]
  /** Per cell: its category and the evidence for it. */
  results: EmergingResult[]
  /** Per month, per cell: the Gi* class that month (FDR-corrected within the month when asked). */
  classesByMonth: HotspotClass[][]
}

/**
 * Emerging hot spots: Gi* month by month on the same study area and neighbours, then each cell's run of monthly
 * classes and the Mann–Kendall trend of its monthly z-scores give its category (definitions: docs/hotspot-methods.md).
 */
export async function runEmerging(
  pool: pg.Pool,
  studyAreas: StudyAreas,
  request: GiStarRequest,
  period: { from: string; to: string },
): Promise<EmergingCells> {
  const area = await studyAreas.get(pool, request.councils, request.res, request.k)
  const { months, values: valuesByMonth } = await monthlyCellValues(pool, area, request, period)
  return emergingOn(area, months, valuesByMonth, request.fdr)
}

/** Emerging categories for values already counted per study-area cell and month (oldest first). */
export function emergingOn(area: StudyArea, months: string[], valuesByMonth: Float64Array[], fdr: boolean): EmergingCells {
  const zByMonth: Float64Array[] = []
  const classesByMonth: HotspotClass[][] = []
  for (const values of valuesByMonth) {
    const { z, p } = giStar(values, area.neighbours)
    zByMonth.push(z)
    classesByMonth.push(classifyHotspots(z, p, { fdr: fdr ? 'bh' : 'none' }).classes)
  }
  const results = area.cells.map((_, cell) =>
    classifyEmerging(months.map((_, month) => ({ z: zByMonth[month][cell], hotspotClass: classesByMonth[month][cell] }))),
  )
  return { area, months, results, classesByMonth }
}

export type { EmergingCategory }
