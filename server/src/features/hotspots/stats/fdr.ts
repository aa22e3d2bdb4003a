/**
 * False discovery rate control for many simultaneous tests (one per cell).
 *
 * Benjamini & Hochberg (1995), "Controlling the false discovery rate", JRSS B 57(1) 289–300: with the m p-values
 * sorted ascending p_(1) ≤ … ≤ p_(m), the adjusted p-value is
 *
 *   p̃_(i) = min_{k ≥ i} min(1, (m / k) · p_(k))
 *
 * and test i is rejected at level α when p̃_i ≤ α (the step-up rule). Benjamini & Yekutieli (2001, Ann. Stat. 29(4)
 * 1165–1188) replace m by m·Σ_{k=1..m} 1/k, which holds under any dependence between the tests. The arithmetic
 * follows R's multtest / p.adjust (factor first, then times p), which is where the reference values come from.
 */

export type FdrMethod = 'bh' | 'by'

export interface FdrResult {
  /** Adjusted p-values, in the input order. */
  adjusted: Float64Array
  /** adjusted ≤ alpha, in the input order. */
  rejected: boolean[]
  /** How many tests are rejected. */
  rejectedCount: number
}

/** Adjusted p-values (BH by default), in the input order. Throws on a p outside [0, 1] or NaN. */
export function adjustPValues(pValues: ArrayLike<number>, method: FdrMethod = 'bh'): Float64Array {
  const m = pValues.length
  const adjusted = new Float64Array(m)
  if (m === 0) return adjusted
  for (let i = 0; i < m; i++) {
    const p = pValues[i]
    if (!(p >= 0 && p <= 1)) throw new RangeError(`adjustPValues: p-value ${i} is ${p}, not in [0, 1]`)
  }
  let harmonic = 1
  if (method === 'by') {
    harmonic = 0
    for (let k = 1; k <= m; k++) harmonic += 1 / k
  }
  // The values sorted natively (no comparator: several times faster than sorting indices, and done 36 times per
  // problem-location run), the step-up minimum taken down the ranks, then each p looked up at the last rank its value
  // holds. Tied p-values get the same adjusted value either way: below the last rank of a tie, (m / rank)·p is larger.
  const sorted = Float64Array.from(pValues).sort()
  const bySortedRank = new Float64Array(m)
  let runningMin = 1
  for (let rank = m; rank >= 1; rank--) {
    const candidate = ((m * harmonic) / rank) * sorted[rank - 1]
    if (candidate < runningMin) runningMin = candidate
    bySortedRank[rank - 1] = runningMin
  }
  for (let i = 0; i < m; i++) adjusted[i] = bySortedRank[lastIndexOf(sorted, pValues[i])]
  return adjusted
}

/** The last position of `value` in ascending `sorted`, which holds it. */
function lastIndexOf(sorted: Float64Array, value: number): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (sorted[middle] <= value) low = middle + 1
    else high = middle
  }
  return low - 1
}

/** Adjusted p-values and the step-up rejections at level alpha. */
export function controlFdr(pValues: ArrayLike<number>, alpha: number, method: FdrMethod = 'bh'): FdrResult {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`controlFdr: alpha ${alpha} is not in (0, 1)`)
  const adjusted = adjustPValues(pValues, method)
  const rejected = Array.from(adjusted, (p) => p <= alpha)
  return { adjusted, rejected, rejectedCount: rejected.filter(Boolean).length }
}
