import type { HotspotClass } from '../hotspot-classes.js'
import { adjustPValues, type FdrMethod } from './fdr.js'

/**
 * One cell's class from its z-score and (two-sided) p-value: hot when z > 0, cold when z < 0, at the highest
 * confidence level whose significance level p does not exceed (0.01, 0.05, 0.10); otherwise not significant.
 */
export function classifyHotspot(z: number, p: number): HotspotClass {
  if (!((z > 0 || z < 0) && p <= 0.1)) return 'not-significant' // written so NaN in either is not significant
  const hot = z > 0
  if (p <= 0.01) return hot ? 'hot-99' : 'cold-99'
  if (p <= 0.05) return hot ? 'hot-95' : 'cold-95'
  return hot ? 'hot-90' : 'cold-90'
}

export interface ClassifyOptions {
  /**
   * Correct the p-values for multiple testing before classifying (default: none). Comparing a BH-adjusted p with
   * 0.01/0.05/0.10 is exactly running the BH step-up procedure once at each of the three levels.
   */
  fdr?: FdrMethod | 'none'
}

export interface ClassifiedCells {
  classes: HotspotClass[]
  /** The p-values the classes were decided on: the input p, or its FDR-adjusted value. */
  p: Float64Array
}

/** Classes for every cell, optionally on FDR-adjusted p-values. */
export function classifyHotspots(z: ArrayLike<number>, p: ArrayLike<number>, options: ClassifyOptions = {}): ClassifiedCells {
  if (z.length !== p.length) throw new RangeError(`classifyHotspots: ${z.length} z-scores but ${p.length} p-values`)
  const method = options.fdr ?? 'none'
  const decidingP = method === 'none' ? Float64Array.from(p) : adjustPValues(p, method)
  const classes = new Array<HotspotClass>(z.length)
  for (let i = 0; i < z.length; i++) classes[i] = classifyHotspot(z[i], decidingP[i])
  return { classes, p: decidingP }
}

/**
 * The largest p-value that Benjamini–Hochberg rejects at level α (−1 when it rejects none): a test's BH-adjusted p is
 * at most α exactly when its p is at most this. It is p_(k*), k* the largest rank with (m / k)·p_(k) ≤ α (the product
 * adjustPValues computes, so the two agree to the last bit), and it is at most α, so only the p-values up to α are
 * sorted: emerging hot spots need just "significant or not" for every cell, 35 times a run.
 */
export function bhRejectionCutoff(p: ArrayLike<number>, alpha: number): number {
  const m = p.length
  const candidates: number[] = []
  for (let i = 0; i < m; i++) {
    const value = p[i]
    if (!(value >= 0 && value <= 1)) throw new RangeError(`bhRejectionCutoff: p-value ${i} is ${value}, not in [0, 1]`)
    if (value <= alpha) candidates.push(value)
  }
  const sorted = Float64Array.from(candidates).sort()
  for (let rank = sorted.length; rank >= 1; rank--) if ((m / rank) * sorted[rank - 1] <= alpha) return sorted[rank - 1]
  return -1
}

/** +1 for a significant hot spot at any level, −1 for a cold spot, 0 otherwise. */
export function hotspotSign(hotspotClass: HotspotClass): -1 | 0 | 1 {
  if (hotspotClass.startsWith('hot')) return 1
  if (hotspotClass.startsWith('cold')) return -1
  return 0
}
