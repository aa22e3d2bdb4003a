import { twoSidedP } from '../../../lib/normal.js'

/**
 * Local Getis–Ord Gi* (Ord & Getis 1995, "Local spatial autocorrelation statistics: distributional issues and an
 * application", Geographical Analysis 27(4) 286–306), the self-included statistic, with binary weights.
 *
 * For cell i with weights w_ij (w_ii included), n cells, mean x̄ and population standard deviation S:
 *
 *   z_i = (Σ_j w_ij x_j − x̄ Σ_j w_ij) / (S · sqrt((n Σ_j w_ij² − (Σ_j w_ij)²) / (n − 1)))
 *
 * With binary weights and k_i neighbours this is (Σ_{j∈N[i]} x_j − x̄ (k_i+1)) / (S sqrt((k_i+1)(n−k_i−1)/(n−1))),
 * which is esda's `G_Local(star=True, transform='B')` (the `B*` vectors) and ArcGIS's Hot Spot Analysis.
 * The general formula is invariant to scaling a row of weights, so row-standardised weights give the same z
 * (the `rowStandardised` option exists to show that, not because it changes an answer).
 */

export type NeighbourLists = ReadonlyArray<Int32Array | ReadonlyArray<number>>

export interface GiStarOptions {
  /** Weights 1/(k_i+1) instead of 1; z and p are unchanged, Gi* itself is divided by k_i+1. */
  rowStandardised?: boolean
  /**
   * 'up-to-0.10': p only where it can be at most 0.10 (|z| ≥ 1.64), and 1 elsewhere. Enough for anything decided at
   * 0.10 or below, FDR included (see bhRejectionCutoff), and the p-values were most of Gi*'s time.
   */
  pValues?: 'all' | 'up-to-0.10'
}

/** Below this |z| the two-sided p is above 0.101 (the exact bound for 0.10 is 1.6449). */
const Z_FOR_P_010 = 1.64

/** Per-cell results as parallel typed arrays (one entry per input cell, same order). */
export interface GiStarResult {
  /** Standardised Gi*: positive where high values cluster. 0 where undefined (no variation, or whole-area neighbourhood). */
  z: Float64Array
  /** Two-sided p-value, 2·P(Z > |z|). 1 where z is 0. */
  p: Float64Array
  /** The raw statistic Σ_j w_ij x_j / Σ_j x_j; 0 when the total is 0. */
  gStar: Float64Array
  /** Mean and population standard deviation of the values, as used in every z. */
  mean: number
  standardDeviation: number
}

/**
 * Gi* for every cell. `neighbours[i]` lists the indices of cell i's neighbours, excluding i itself (the self weight
 * is added here). Runs in O(n + total neighbours) time and O(n) extra memory.
 */
export function giStar(values: Float64Array | ReadonlyArray<number>, neighbours: NeighbourLists, options: GiStarOptions = {}): GiStarResult {
  const n = values.length
  if (neighbours.length !== n) {
    throw new RangeError(`giStar: ${n} values but ${neighbours.length} neighbour lists`)
  }
  if (!validatedNeighbours.has(neighbours)) {
    validateNeighbours(neighbours)
    validatedNeighbours.add(neighbours)
  }

  let total = 0
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  for (let i = 0; i < n; i++) {
    const value = values[i]
    if (!Number.isFinite(value)) throw new RangeError(`giStar: value ${i} is not a finite number`)
    total += value
    if (value < min) min = value
    if (value > max) max = value
  }
  const mean = n > 0 ? total / n : 0
  // Two-pass variance: Σx²/n − x̄² cancels badly when counts are large and alike.
  let squares = 0
  for (let i = 0; i < n; i++) {
    const centred = values[i] - mean
    squares += centred * centred
  }
  // Equal values can still give a tiny positive variance through rounding of the mean; treat them as exactly 0.
  const standardDeviation = min === max ? 0 : Math.sqrt(squares / n)

  const z = new Float64Array(n)
  const p = new Float64Array(n).fill(1)
  const gStar = new Float64Array(n)
  const rowStandardised = options.rowStandardised === true
  const allP = options.pValues !== 'up-to-0.10'

  for (let i = 0; i < n; i++) {
    const list = neighbours[i]
    const members = list.length + 1
    const weight = rowStandardised ? 1 / members : 1
    let centredLag = values[i] - mean
    let lag = values[i]
    for (let m = 0; m < list.length; m++) {
      const value = values[list[m]]
      centredLag += value - mean
      lag += value
    }
    gStar[i] = total === 0 ? 0 : (weight * lag) / total

    const weightSum = weight * members
    const weightSquares = weight * weight * members
    const spread = (n * weightSquares - weightSum * weightSum) / (n - 1)
    // spread ≤ 0 only when the neighbourhood is the whole area (or n = 1): every value is "local", nothing to compare.
    if (standardDeviation === 0 || !(spread > 0)) continue
    const score = (weight * centredLag) / (standardDeviation * Math.sqrt(spread))
    z[i] = score
    if (allP || Math.abs(score) >= Z_FOR_P_010) p[i] = twoSidedP(score)
  }
  return { z, p, gStar, mean, standardDeviation }
}

/**
 * Neighbour lists already checked. Emerging hot spots run Gi* once a month on the same study area's lists (which are
 * built once and never changed), and checking them again each time was a third of Gi*'s time.
 */
const validatedNeighbours = new WeakSet<NeighbourLists>()

/** Rejects lists that would silently bias z: out-of-range indices, the cell itself, or a neighbour listed twice. */
function validateNeighbours(neighbours: NeighbourLists): void {
  const n = neighbours.length
  const lastSeenBy = new Int32Array(n).fill(-1)
  for (let i = 0; i < n; i++) {
    const list = neighbours[i]
    lastSeenBy[i] = i
    for (let m = 0; m < list.length; m++) {
      const j = list[m]
      if (!Number.isInteger(j) || j < 0 || j >= n) {
        throw new RangeError(`giStar: cell ${i} lists neighbour ${j}, outside 0..${n - 1}`)
      }
      if (lastSeenBy[j] === i) {
        throw new RangeError(
          j === i ? `giStar: cell ${i} lists itself; the self weight is added by giStar` : `giStar: cell ${i} lists neighbour ${j} twice`,
        )
      }
      lastSeenBy[j] = i
    }
  }
}
