import { KNOWN_CATEGORIES } from '../../shared/categories'
import { formatMonth } from '../../../../server/src/lib/months'
import type { ConcentrationAnswer, ForecastAnswer, TopWard, TopWardsAnswer } from './hotspot-api'
import type { Measure } from './hotspot-url'
import { formatMeasured, measuredValue } from './measure'
import { describeHotspotPeriod, formatShare } from './problem-locations'
import { comparisonGap, formatPercentChange } from '../../shared/period-change'

/**
 * Data shaping and one-line readings for the Hotspots charts and tables. Pure, so tests can pin the wording and
 * the numbers the charts draw.
 */

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. One per council line. */
export const SERIES_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'] as const

/**
 * What is being added up, for a sentence: "ASB", "burglary", "incidents in 3 categories", "all incidents"; on harm,
 * "harm from ASB".
 */
export function incidentSubject(categories: readonly string[], measure: Measure = 'count'): string {
  return measure === 'harm' ? `harm from ${incidentKinds(categories)}` : incidentKinds(categories)
}

function incidentKinds(categories: readonly string[]): string {
  if (categories.length === 1) return categories[0] === 'Anti-social behaviour' ? 'ASB' : categories[0].toLowerCase()
  if (KNOWN_CATEGORIES.every((category) => categories.includes(category))) return 'all incidents'
  return `incidents in ${categories.length} categories`
}

export interface ChartSeries {
  key: string
  name: string
  colour: string
}

export interface ConcentrationChartData {
  series: ChartSeries[]
  /** One point per whole percent of cells: `cellPercent`, and each series' share of incidents (percent) by key. */
  points: Record<string, number>[]
}

const percent = (share: number) => Math.round(share * 1000) / 10

/**
 * The chart shows the busiest half of the cells: incidents are concentrated enough that every curve has flattened
 * out well before that (the table gives the numbers).
 */
export const CONCENTRATION_MAX_CELL_PERCENT = 50

/** Councils with no incidents are left out: a flat line at 0 says nothing about concentration. */
export function concentrationChartData(answer: ConcentrationAnswer, maxCellPercent = CONCENTRATION_MAX_CELL_PERCENT): ConcentrationChartData {
  const areas = answer.areas.filter((area) => area.total > 0)
  const series = areas.map((area, index) => ({ key: area.code, name: area.name, colour: SERIES_COLOURS[index % SERIES_COLOURS.length] }))
  const length = Math.max(0, ...areas.map((area) => area.curve.length))
  const points: Record<string, number>[] = []
  for (let index = 0; index < length; index++) {
    const cellPercent = percent(areas[0].curve[index].cellShare)
    if (cellPercent > maxCellPercent) break
    const point: Record<string, number> = { cellPercent }
    for (const area of areas) {
      const entry = area.curve[index]
      if (entry) point[area.code] = percent(entry.valueShare)
    }
    points.push(point)
  }
  return { series, points }
}

/** The share of cells the reading quotes. */
export const READING_CELL_SHARE = 0.05

function listJoin(items: string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

/** "The busiest 5% of cells hold 66% of ASB in Hartlepool, 45% in Middlesbrough and 79% in Redcar and Cleveland." */
export function concentrationReading(answer: ConcentrationAnswer, subject: string, cellShare = READING_CELL_SHARE): string {
  const areas = answer.areas.filter((area) => area.total > 0)
  if (areas.length === 0) return `No ${subject} in this period to measure.`
  const shareOf = (area: (typeof areas)[number]) => area.top.find((entry) => Math.abs(entry.cellShare - cellShare) < 1e-9)?.valueShare ?? null
  const parts = areas.map((area, index) => `${formatShare(shareOf(area))}${index === 0 ? ` of ${subject}` : ''} in ${area.name}`)
  return `The busiest ${formatShare(cellShare)} of cells hold ${listJoin(parts)}.`
}

export interface ForecastPoint {
  month: string
  label: string
  /** Percent of the month's incidents in the picked cells; null when the month had none. */
  hitRate: number | null
  pai: number | null
  pei: number | null
}

export function forecastChartData(answer: ForecastAnswer): ForecastPoint[] {
  return answer.months.map((month) => ({
    month: month.month,
    label: formatMonth(month.month),
    hitRate: month.hitRate === null ? null : percent(month.hitRate),
    pai: month.pai === null ? null : Math.round(month.pai * 100) / 100,
    pei: month.pei === null ? null : Math.round(month.pei * 1000) / 1000,
  }))
}

function mean(values: number[]): number | null {
  return values.length > 0 ? values.reduce((sum, value) => sum + value, 0) / values.length : null
}

/**
 * "The busiest 5% of cells by the previous 3 months caught 56% of the next month's ASB on average: 11.2 times what
 * that much area would catch by chance (PAI), over 3 months tested."
 */
export function forecastReading(answer: ForecastAnswer, subject: string): string {
  const lookback = `${answer.lookback} ${answer.lookback === 1 ? 'month' : 'months'}`
  if (answer.months.length === 0) return `Needs more than ${lookback} of data in the period to test.`
  const hitRate = mean(answer.months.flatMap((month) => (month.hitRate === null ? [] : [month.hitRate])))
  const pai = mean(answer.months.flatMap((month) => (month.pai === null ? [] : [month.pai])))
  if (hitRate === null || pai === null) return `No ${subject} in the months tested.`
  const tested = `${answer.months.length} ${answer.months.length === 1 ? 'month' : 'months'} tested`
  return `The busiest ${formatShare(answer.top)} of cells by the previous ${lookback} caught ${formatShare(hitRate)} of the next month's ${subject} on average: ${pai.toFixed(1)} times what that much area would catch by chance (PAI), over ${tested}.`
}

/** The change column: "+12%", "−5%", "new" (nothing before), or "–" when there is no figure before (no earlier data). */
export function formatChange(ward: TopWard): string {
  if (ward.previous === null) return '–'
  if (ward.changeRatio === null) return ward.incidents > 0 ? 'new' : '–'
  return formatPercentChange(ward.changeRatio, 1) ?? '–'
}

/** "Central (Middlesbrough) had the most ASB: 494 incidents, up 12% on Jul 2023 – Dec 2023." */
export function topWardsReading(answer: TopWardsAnswer, subject: string): string {
  const top = answer.wards[0]
  if (!top) return `No ${subject} in any ward in this period.`
  const lead = `${top.name} (${top.councilName}) had the most ${subject}: ${formatMeasured(measuredValue(top, answer.measure), answer.measure)}`
  const gap = comparisonGap(answer.comparison)
  if (gap !== null || answer.comparison === null) return `${lead}; ${gap ?? 'no earlier data'}, so no change is shown.`
  const previous = describeHotspotPeriod(answer.comparison.period)
  if (top.changeRatio === null) return `${lead}, none in ${previous}.`
  const change = Math.round((top.changeRatio - 1) * 100)
  if (change === 0) return `${lead}, the same as in ${previous}.`
  return `${lead}, ${change > 0 ? 'up' : 'down'} ${Math.abs(change)}% on ${previous}.`
}
