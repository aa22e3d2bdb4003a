import type { Comparison } from '../summary/comparison.js'
import type { Period } from '../summary/period-in-data.js'
import { emergingOfCells, emergingOn } from './emerging-analysis.js'
import { giStarOn, valuesInArea, type CellColumns } from './gistar-analysis.js'
import { hotspotInputsOf, type HotspotRows } from './hotspot-inputs.js'
import type { Measure } from './measure.js'
import { monthlyCellValues, type CellMonthColumns } from './monthly-cell-values.js'
import { weeklyCellValues } from './weekly-cell-values.js'
import { withPreviousCounts } from './previous-counts.js'
import { rankProblemLocations } from './problem-locations.js'
import { MAX_LOCATION_AREA_KM2 } from './split-at-peaks.js'
import { topShare } from './stats/concentration.js'
import { EMERGING_CATEGORIES, HOTSPOT_CLASSES, type EmergingCategory } from './hotspot-classes.js'
import { forecastAccuracyByPeriod } from './stats/forecast-accuracy.js'
import { hotspotSign } from './stats/hotspot-class.js'
import type { StudyAreas, StudyAreaSpec } from './study-area.js'

/**
 * The work of one hotspot analysis once its rows are read: everything an analysis thread needs (the study area's
 * outlines, the counts as columns, the parameters), and nothing it would have to ask the database for.
 */
export type AnalysisJob =
  | {
      kind: 'gistar'
      area: StudyAreaSpec
      rows: CellColumns
      councils: string[]
      fdr: boolean
      measure: Measure
      period: Period
    }
  | {
      kind: 'problem-locations'
      area: StudyAreaSpec
      rows: HotspotRows
      period: Period
      comparison: Comparison
      /** Per cell, the filter's counts in the comparison period; null when it is not comparable. */
      previous: CellColumns | null
      fdr: boolean
      measure: Measure
      halfLife: number
      recent: number
      limit: number
    }
  | {
      kind: 'emerging'
      area: StudyAreaSpec
      /** Per cell and month, or per cell and week when `weekly` is given (its Mondays, and what it left out). */
      rows: CellMonthColumns
      weekly: { weeks: string[]; leftOut: number } | null
      period: Period
      fdr: boolean
      measure: Measure
    }
  | {
      kind: 'concentration'
      councils: { code: string; name: string; area: StudyAreaSpec }[]
      rows: CellColumns
      res: number
      measure: Measure
      period: Period
    }
  | {
      kind: 'forecast-accuracy'
      area: StudyAreaSpec
      rows: CellMonthColumns
      period: Period
      res: number
      lookback: number
      top: number
      measure: Measure
    }

export const CONCENTRATION_SHARES = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5]

export const PROBLEM_LOCATION_CAVEATS = [
  'police.uk moves every incident to the nearest of a set of shared anonymous map points, so a place name is the point\u2019s, not the incident\u2019s exact address; busiestPoint shows how many incidents share one point.',
  'police.uk gives months only: recency and trends are by month, and nothing here can be narrowed to days or times.',
]

/** The buffers of a job's columns, handed to the thread rather than copied. */
export function transferables(job: AnalysisJob): ArrayBuffer[] {
  const columns: (CellColumns | CellMonthColumns)[] = [job.kind === 'problem-locations' ? job.rows.cellMonths : job.rows]
  return columns.flatMap((column) => [column.incidents, column.harm, ...('starts' in column ? [column.starts] : [])].map((array) => array.buffer as ArrayBuffer))
}

/** The route's answer (as its response schema describes it) for a job; run on an analysis thread. */
export function answerOf(job: AnalysisJob, areas: StudyAreas): unknown {
  switch (job.kind) {
    case 'gistar': {
      const area = areas.get(job.area)
      const { values, outsideArea } = valuesInArea(job.rows, area, job.measure)
      const result = giStarOn(area, values, job.fdr, outsideArea)
      const classCounts = Object.fromEntries(HOTSPOT_CLASSES.map((name) => [name, 0]))
      let totalValue = 0
      const cells = result.area.cells.map((h3, index) => {
        classCounts[result.classes[index]] += 1
        totalValue += result.values[index]
        return { h3, value: result.values[index], z: result.z[index], p: result.p[index], pAdjusted: result.pAdjusted[index], class: result.classes[index] }
      })
      return {
        period: job.period, res: job.area.res, k: job.area.k, fdr: job.fdr, councils: job.councils, measure: job.measure,
        totalValue, outsideArea: result.outsideArea, classCounts, cells,
      }
    }
    case 'problem-locations': {
      const area = areas.get(job.area)
      // One reading of the counts feeds all three: Gi* on the period's totals, emerging on the months, the ranking.
      const inputs = hotspotInputsOf(area, job.rows, job.period, job.measure)
      const gistar = giStarOn(area, inputs.totals, job.fdr)
      // Only hot cells make problem locations, so only theirs need an emerging category.
      const hotCells = gistar.classes.flatMap((hotspotClass, index) => (hotspotSign(hotspotClass) === 1 ? [index] : []))
      const emerging = emergingOfCells(area, inputs.monthly, job.fdr, hotCells)
      const emergingOf = (cell: string): EmergingCategory => emerging.get(area.indexOf.get(cell)!)!.category
      const locations = rankProblemLocations(gistar, inputs, { measure: job.measure, halfLifeMonths: job.halfLife, recentMonths: job.recent, emergingOf })
      return {
        period: job.period, res: job.area.res, k: job.area.k, fdr: job.fdr, halfLifeMonths: job.halfLife, recentMonths: job.recent, measure: job.measure,
        comparison: job.comparison, total: locations.length, maxAreaKm2: MAX_LOCATION_AREA_KM2, caveats: PROBLEM_LOCATION_CAVEATS,
        locations: withPreviousCounts(locations.slice(0, job.limit), job.previous),
      }
    }
    case 'emerging': {
      const area = areas.get(job.area)
      const { months, values } = job.weekly
        ? { months: job.weekly.weeks, values: weeklyCellValues(area, job.weekly.weeks, job.rows, job.measure) }
        : monthlyCellValues(area, job.rows, job.period, job.measure)
      const result = emergingOn(area, months, values, job.fdr)
      const categoryCounts = Object.fromEntries(EMERGING_CATEGORIES.map((name) => [name, 0]))
      const cells = []
      for (let index = 0; index < result.area.cells.length; index++) {
        const cell = result.results[index]
        categoryCounts[cell.category] += 1
        if (cell.category === 'none') continue
        cells.push({
          h3: result.area.cells[index],
          category: cell.category,
          hotMonths: cell.hotPeriods,
          coldMonths: cell.coldPeriods,
          finalRun: cell.finalRun,
          trend: { z: cell.trend.z, p: cell.trend.p, direction: cell.trend.trend },
        })
      }
      return {
        res: job.area.res, k: job.area.k, fdr: job.fdr, measure: job.measure,
        period: job.period, months: result.months.length, cellCount: result.area.cells.length, categoryCounts, cells,
        slices: job.weekly ? 'week' as const : 'month' as const,
        weeks: job.weekly && { first: job.weekly.weeks[0] ?? null, last: job.weekly.weeks.at(-1) ?? null, leftOut: job.weekly.leftOut },
      }
    }
    case 'concentration': {
      // One aggregation serves every council: each takes the cells of its own study area.
      const answerAreas = job.councils.map((council) => {
        const { values } = valuesInArea(job.rows, areas.get(council.area), job.measure)
        const top = CONCENTRATION_SHARES.map((share) => {
          const point = topShare(values, share)
          return { cellShare: share, cells: point.cells, valueShare: point.valueShare }
        })
        const curve = Array.from({ length: 101 }, (_, percent) => {
          const point = topShare(values, percent / 100)
          return { cellShare: percent / 100, valueShare: point.valueShare }
        })
        return { code: council.code, name: council.name, cells: values.length, total: values.reduce((sum, value) => sum + value, 0), top, curve }
      })
      return { period: job.period, res: job.res, measure: job.measure, areas: answerAreas }
    }
    case 'forecast-accuracy': {
      const area = areas.get(job.area)
      const { months, values } = monthlyCellValues(area, job.rows, job.period, job.measure)
      const scored = months.length > job.lookback ? forecastAccuracyByPeriod(values, job.lookback, { areaShare: job.top }) : []
      return {
        res: job.res, lookback: job.lookback, top: job.top, measure: job.measure,
        period: job.period,
        months: scored.map((result) => ({
          month: months[result.period],
          cells: result.cells,
          areaShare: result.areaShare,
          captured: result.capturedCount,
          total: result.totalCount,
          hitRate: result.hitRate,
          pai: result.pai,
          pei: result.pei,
        })),
      }
    }
  }
}
