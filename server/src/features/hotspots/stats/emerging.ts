import type { EmergingCategory, HotspotClass } from '../hotspot-classes.js'
import { hotspotSign } from './hotspot-class.js'
import { mannKendallTest, type MannKendallTest } from './mann-kendall.js'

/**
 * Emerging hot spot categories for one cell, from its Gi* result in each period (oldest first) and a Mann–Kendall
 * trend test on its per-period Gi* z-scores. The categories and their wording follow Esri's "How Emerging Hot
 * Spot Analysis works" (ArcGIS Pro, Space Time Pattern Mining toolbox); where Esri's definitions overlap or leave
 * a case open, the choice made here is stated below and in docs/hotspot-methods.md.
 *
 * A period is a significant hot spot when its Gi* z > 0 and its p ≤ alpha (default 0.10, i.e. any of the 90/95/99%
 * classes), a significant cold spot when z < 0 and p ≤ alpha. "At least 90% of periods" counts the final period too
 * and is tested exactly (10·count ≥ 9·n), so with fewer than ten periods it means every period.
 *
 * The final period decides the family: if it is a hot spot, the cell gets one of the hot patterns below; if it
 * is a cold spot, one of the cold mirrors; if it is neither, the cell is historical or has no pattern. Within a
 * family the first matching definition wins, in this order:
 *
 * - **intensifying** — a hot spot in at least 90% of periods including the final one, and the Mann–Kendall test
 *   finds the z-scores rising with statistical significance (clustering of high values is getting stronger).
 * - **diminishing** — a hot spot in at least 90% of periods including the final one, and the z-scores are falling
 *   with statistical significance (clustering is weakening).
 * - **persistent** — a hot spot in at least 90% of periods including the final one, with no significant trend
 *   in the z-scores either way.
 * - **new** — a hot spot in the final period and in no period before it; significant in no earlier period at all.
 * - **consecutive** — one unbroken run of at least two hot spot periods ending with the final period, with no
 *   significant period (hot or cold) before the run, and fewer than 90% of periods hot.
 * - **oscillating** — a hot spot in the final period that was a significant cold spot in some earlier period,
 *   with fewer than 90% of periods hot. (Takes precedence over new/consecutive when the cell was cold before:
 *   a cell that swings from cold to hot is better described as oscillating, as sfdep also decides.)
 * - **sporadic** — a hot spot in the final period that has been on and off as a hot spot before (hot earlier,
 *   then not, then hot again), fewer than 90% of periods hot, and never a significant cold spot.
 * - **historical** — not a hot spot in the final period (and not a cold spot either), but a hot spot in at least
 *   90% of periods.
 * - **none** — none of the above, including a cell that was never significant.
 *
 * Cold spots mirror these with "hot" and "cold" swapped; for them "intensifying" means z-scores falling (ever more
 * negative) and "diminishing" z-scores rising.
 */

/** One period's Gi* result for a cell: its z-score and either its p-value or its already-decided class. */
export type PeriodGiStar = { z: number; p: number } | { z: number; hotspotClass: HotspotClass }

export interface EmergingOptions {
  /** Significance level for a period to count as a hot or cold spot when p is given (default 0.10). */
  alpha?: number
  /** Significance level of the Mann–Kendall trend on the z-scores (default 0.05). */
  trendAlpha?: number
}

export interface EmergingResult {
  category: EmergingCategory
  periods: number
  hotPeriods: number
  coldPeriods: number
  /** Length of the unbroken run of same-sign significant periods that ends with the final period (0 if it is not significant). */
  finalRun: number
  /** Mann–Kendall on the per-period z-scores. */
  trend: MannKendallTest
}

type Sign = -1 | 0 | 1

function periodSign(period: PeriodGiStar, alpha: number): Sign {
  if ('hotspotClass' in period) return hotspotSign(period.hotspotClass)
  if (!(period.p <= alpha)) return 0
  if (period.z > 0) return 1
  if (period.z < 0) return -1
  return 0
}

function atLeastNinetyPercent(count: number, total: number): boolean {
  return total > 0 && 10 * count >= 9 * total
}

/** The emerging hot spot category of one cell from its periods, oldest first. */
export function classifyEmerging(periods: ReadonlyArray<PeriodGiStar>, options: EmergingOptions = {}): EmergingResult {
  const alpha = options.alpha ?? 0.1
  return classifyEmergingSeries(
    periods.map((period) => period.z),
    periods.map((period) => periodSign(period, alpha)),
    options.trendAlpha,
  )
}

/**
 * The same from a cell's z-scores and its significance signs per period (+1 hot, −1 cold, 0 neither), oldest first:
 * what emerging hot spots call once per cell of the study area, without a period object per cell and month.
 */
export function classifyEmergingSeries(z: ArrayLike<number>, signs: ArrayLike<number>, trendAlpha = 0.05): EmergingResult {
  const trend = mannKendallTest(z, trendAlpha)
  const n = signs.length
  let hotPeriods = 0
  let coldPeriods = 0
  for (let period = 0; period < n; period++) {
    if (signs[period] === 1) hotPeriods++
    else if (signs[period] === -1) coldPeriods++
  }
  const finalSign = (n > 0 ? signs[n - 1] : 0) as Sign

  let finalRun = 0
  if (finalSign !== 0) {
    while (finalRun < n && signs[n - 1 - finalRun] === finalSign) finalRun++
  }
  const summary = { periods: n, hotPeriods, coldPeriods, finalRun, trend }

  if (finalSign === 0) {
    if (atLeastNinetyPercent(hotPeriods, n)) return { category: 'historical-hot', ...summary }
    if (atLeastNinetyPercent(coldPeriods, n)) return { category: 'historical-cold', ...summary }
    return { category: 'none', ...summary }
  }

  const suffix = finalSign === 1 ? 'hot' : 'cold'
  const sameCount = finalSign === 1 ? hotPeriods : coldPeriods
  const oppositeCount = finalSign === 1 ? coldPeriods : hotPeriods
  if (atLeastNinetyPercent(sameCount, n)) {
    // "Stronger" means z moving away from zero in the cell's own direction.
    const strengthening = trend.significant && Math.sign(trend.z) === finalSign
    const weakening = trend.significant && Math.sign(trend.z) === -finalSign
    if (strengthening) return { category: `intensifying-${suffix}`, ...summary }
    if (weakening) return { category: `diminishing-${suffix}`, ...summary }
    return { category: `persistent-${suffix}`, ...summary }
  }
  if (oppositeCount > 0) return { category: `oscillating-${suffix}`, ...summary }
  const significantBeforeRun = sameCount > finalRun
  if (!significantBeforeRun) {
    return { category: finalRun === 1 ? `new-${suffix}` : `consecutive-${suffix}`, ...summary }
  }
  return { category: `sporadic-${suffix}`, ...summary }
}
