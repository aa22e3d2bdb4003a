import { twoSidedCriticalValue, twoSidedP } from '../../../lib/normal.js'

/**
 * Mann–Kendall trend test and Sen's slope, as pyMannKendall's `original_test` computes them (Mann 1945; Kendall
 * 1975; Sen 1968; intercept after Conover 1980). Missing values (null, NaN, ±Infinity) are skipped: the test runs
 * on the remaining values as if consecutive, while Sen's slope keeps each value's original position.
 *
 *   S      = Σ_{k<j} sign(x_j − x_k)
 *   Var(S) = [n(n−1)(2n+5) − Σ_ties t(t−1)(2t+5)] / 18
 *   Z      = (S − 1)/√Var(S) if S > 0;  0 if S = 0;  (S + 1)/√Var(S) if S < 0
 *   p      = 2·P(N(0,1) > |Z|);  tau = S / (n(n−1)/2)  (Kendall's tau-a, not the tie-corrected tau-b)
 */

export type TrendDirection = 'increasing' | 'decreasing' | 'no trend'

/** The test itself, without Sen's slope (which costs far more than the test on long series). */
export interface MannKendallTest {
  /** Values actually used (missing ones dropped). */
  n: number
  s: number
  varS: number
  z: number
  /** Two-sided p-value. */
  p: number
  tau: number
  /** Whether |Z| exceeds the two-sided critical value at alpha. */
  significant: boolean
  trend: TrendDirection
}

export interface MannKendallResult extends MannKendallTest {
  /** Sen's slope per period; NaN when fewer than two values are present. */
  slope: number
  /** Sen's intercept: median(x) − median(positions of present values) · slope. */
  intercept: number
}

export type SeriesValue = number | null | undefined

/** null, undefined, NaN and ±Infinity are all "no observation". */
function isPresent(value: SeriesValue): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

/** The present values, in order: the series itself when none is missing (emerging hot spots' z-scores never are). */
function presentValues(series: ArrayLike<SeriesValue>): ArrayLike<number> {
  for (let i = 0; i < series.length; i++) {
    if (!isPresent(series[i])) return Array.prototype.filter.call(series, isPresent) as number[]
  }
  return series as ArrayLike<number>
}

/** Mann–Kendall S over present values only: O(n²), which is small for the tens of periods a cell has. */
export function mannKendallScore(values: ArrayLike<number>): number {
  let s = 0
  for (let k = 0; k < values.length - 1; k++) {
    const base = values[k]
    for (let j = k + 1; j < values.length; j++) {
      const later = values[j]
      if (later > base) s++
      else if (later < base) s--
    }
  }
  return s
}

/** Var(S) under the null hypothesis with the tie correction. */
export function mannKendallVariance(values: ArrayLike<number>): number {
  const n = values.length
  const sorted = Float64Array.from(values).sort()
  let tieTerm = 0
  let run = 1
  for (let i = 1; i <= n; i++) {
    if (i < n && sorted[i] === sorted[i - 1]) {
      run++
      continue
    }
    if (run > 1) tieTerm += run * (run - 1) * (2 * run + 5)
    run = 1
  }
  return (n * (n - 1) * (2 * n + 5) - tieTerm) / 18
}

/**
 * k-th smallest value (0-based) by quickselect, rearranging `values` so that everything before k is ≤ values[k].
 * A full sort of the n(n−1)/2 pairwise slopes was most of the cost of Sen's slope.
 */
function selectKth(values: Float64Array, k: number): number {
  let left = 0
  let right = values.length - 1
  while (right > left) {
    const pivot = values[(left + right) >> 1]
    let i = left
    let j = right
    while (i <= j) {
      while (values[i] < pivot) i++
      while (values[j] > pivot) j--
      if (i <= j) {
        const swap = values[i]
        values[i] = values[j]
        values[j] = swap
        i++
        j--
      }
    }
    if (k <= j) right = j
    else if (k >= i) left = i
    else break
  }
  return values[k]
}

/** Median as numpy computes it (mean of the two middle values for an even count); reorders `values`. */
function medianInPlace(values: Float64Array): number {
  const count = values.length
  if (count === 0) return Number.NaN
  const upper = selectKth(values, count >> 1)
  if (count % 2 === 1) return upper
  let lower = values[0]
  for (let i = 1; i < count >> 1; i++) if (values[i] > lower) lower = values[i]
  return (lower + upper) / 2
}

/**
 * Sen's slope: the median over all pairs of present values (a < b, by original position) of (x_b − x_a)/(b − a);
 * intercept = median of the present values − median of their positions × slope.
 */
export function sensSlope(series: ReadonlyArray<SeriesValue>): { slope: number; intercept: number } {
  const positions: number[] = []
  const values: number[] = []
  series.forEach((value, index) => {
    if (isPresent(value)) {
      positions.push(index)
      values.push(value)
    }
  })
  const count = values.length
  if (count < 2) return { slope: Number.NaN, intercept: Number.NaN }
  const slopes = new Float64Array((count * (count - 1)) / 2)
  let next = 0
  for (let a = 0; a < count - 1; a++) {
    for (let b = a + 1; b < count; b++) {
      slopes[next++] = (values[b] - values[a]) / (positions[b] - positions[a])
    }
  }
  const slope = medianInPlace(slopes)
  const intercept = medianInPlace(Float64Array.from(values)) - medianInPlace(Float64Array.from(positions)) * slope
  return { slope, intercept }
}

// Emerging hot spots run the test once per cell with the same alpha; remember the last critical value.
let lastAlpha = Number.NaN
let lastCritical = Number.NaN
function criticalValue(alpha: number): number {
  if (alpha !== lastAlpha) {
    lastCritical = twoSidedCriticalValue(alpha)
    lastAlpha = alpha
  }
  return lastCritical
}

/** The test at significance level alpha (default 0.05) on a series ordered oldest first, without Sen's slope. */
export function mannKendallTest(series: ArrayLike<SeriesValue>, alpha = 0.05): MannKendallTest {
  const values = presentValues(series)
  const n = values.length
  const s = mannKendallScore(values)
  const varS = mannKendallVariance(values)
  let z = 0
  // S ≠ 0 implies Var(S) > 0 (some pair differs), so the division is safe.
  if (s > 0) z = (s - 1) / Math.sqrt(varS)
  else if (s < 0) z = (s + 1) / Math.sqrt(varS)
  const p = twoSidedP(z)
  const significant = Math.abs(z) > criticalValue(alpha)
  const trend: TrendDirection = !significant ? 'no trend' : z > 0 ? 'increasing' : 'decreasing'
  const tau = n > 1 ? s / (0.5 * n * (n - 1)) : 0
  return { n, s, varS, z, p, tau, significant, trend }
}

/** The test and Sen's slope and intercept, as pyMannKendall's original_test reports them. */
export function mannKendall(series: ReadonlyArray<SeriesValue>, alpha = 0.05): MannKendallResult {
  return { ...mannKendallTest(series, alpha), ...sensSlope(series) }
}
