/**
 * Recency: weighting incidents so that recent ones count for more, and a plain trend measure of recent periods
 * against earlier ones. Both work on per-period values (counts or harm) ordered oldest first; the final period
 * is the most recent and has age 0.
 */

/**
 * Exponential decay weight 0.5^(age / halfLife): 1 for the latest period, 0.5 one half-life earlier, 0.25 two
 * half-lives earlier. Ages and half-lives are in periods and may be fractional.
 */
export function decayWeight(age: number, halfLife: number): number {
  if (!(halfLife > 0) || !Number.isFinite(halfLife)) throw new RangeError(`decayWeight: half-life ${halfLife} must be positive`)
  if (!(age >= 0) || !Number.isFinite(age)) throw new RangeError(`decayWeight: age ${age} must be ≥ 0`)
  return Math.pow(0.5, age / halfLife)
}

/** Σ value_t · 0.5^(age_t / halfLife) over the periods, oldest first (the last period has age 0). */
export function recencyWeightedScore(perPeriod: ArrayLike<number>, halfLife: number): number {
  const last = perPeriod.length - 1
  let score = 0
  for (let t = 0; t <= last; t++) score += perPeriod[t] * decayWeight(last - t, halfLife)
  return score
}

export interface RecentVersusEarlier {
  recentPeriods: number
  earlierPeriods: number
  /** Mean per period over the last `recentPeriods` periods. */
  recentMean: number
  /** Mean per period over all the periods before them; null when there are none. */
  earlierMean: number | null
  /** recentMean − earlierMean (per period); null when there is nothing to compare with. */
  difference: number | null
  /** recentMean / earlierMean; null when earlierMean is 0 or missing (the place had nothing before). */
  ratio: number | null
}

/** Mean per period in the last `recentPeriods` periods against the mean of every earlier period. */
export function recentVersusEarlier(perPeriod: ArrayLike<number>, recentPeriods: number): RecentVersusEarlier {
  const n = perPeriod.length
  if (!Number.isInteger(recentPeriods) || recentPeriods < 1 || recentPeriods > n) {
    throw new RangeError(`recentVersusEarlier: recentPeriods ${recentPeriods} must be a whole number from 1 to ${n}`)
  }
  const earlierPeriods = n - recentPeriods
  let recentSum = 0
  let earlierSum = 0
  for (let t = 0; t < n; t++) {
    if (t < earlierPeriods) earlierSum += perPeriod[t]
    else recentSum += perPeriod[t]
  }
  const recentMean = recentSum / recentPeriods
  if (earlierPeriods === 0) {
    return { recentPeriods, earlierPeriods, recentMean, earlierMean: null, difference: null, ratio: null }
  }
  const earlierMean = earlierSum / earlierPeriods
  return {
    recentPeriods,
    earlierPeriods,
    recentMean,
    earlierMean,
    difference: recentMean - earlierMean,
    ratio: earlierMean === 0 ? null : recentMean / earlierMean,
  }
}
