import { twoSidedCriticalValue, twoSidedP } from '../../lib/normal.js'

/**
 * Weighted displacement difference test (Wheeler & Ratcliffe 2018, "A simple weighted displacement difference test
 * to evaluate place based crime interventions", Crime Science 7:11), as apwheele/ptools `wdd()` and `wdd_harm()`
 * compute it. It is a difference in differences of counts with a Poisson (normal-approximation) variance:
 *
 *   local      = (T₁/w − T₀/w) − (C₁/w − C₀/w)          Var = T₁/w² + T₀/w² + C₁/w² + C₀/w²
 *   displaced  = (D₁/w − D₀/w) − (DC₁/w − DC₀/w)        likewise
 *   total      = local + displaced,  Z = total / SE,  CI = total ∓ Φ⁻¹(1 − α/2)·SE
 *
 * where each count's weight w = time weight of its period × area weight of its area. A negative estimate means
 * incidents fell in the treated area relative to the control (the intervention looks effective). ptools returns no
 * p-value; `p` here is the two-sided 2·P(Z > |z|) its manual computes by hand.
 *
 * Harm (ptools `wdd_harm`, after Wheeler 2020, "Amending the WDD test to incorporate harm weights"): one WDD per
 * category, combined as Σ h_k·est_k with Var = Σ h_k²·Var_k. Counts are the one-category case with h = 1, so both
 * go through `wddHarm`.
 */

/** Counts before and after the intervention. */
export type PrePost = readonly [pre: number, post: number]

/** The four areas' counts (or one category's counts, for harm). */
export interface WddCounts {
  control: PrePost
  treated: PrePost
  /** Buffer around the control area (default no counts). */
  displacementControl?: PrePost
  /** Buffer around the treated area, where displaced incidents would show (default no counts). */
  displacementTreated?: PrePost
}

export interface WddOptions {
  /** Lengths of the pre and post periods, e.g. [2, 1] for two years before and one after (default [1, 1]). */
  timeWeights?: PrePost
  /** Sizes of the control, treated, displacement-control and displacement-treated areas (default all 1). */
  areaWeights?: readonly [control: number, treated: number, displacementControl: number, displacementTreated: number]
  /** For the confidence interval (default 0.1, a 90% interval, as ptools). */
  alpha?: number
}

export type WddInput = WddCounts & WddOptions

/** One category's counts and its harm weight. */
export interface HarmPart {
  weight: number
  counts: WddCounts
}

export interface WddResult {
  estLocal: number
  varLocal: number
  seLocal: number
  estDisplace: number
  varDisplace: number
  seDisplace: number
  estTotal: number
  varTotal: number
  seTotal: number
  z: number
  /** Two-sided. */
  p: number
  /** The interval below is the 1 − alpha confidence interval of estTotal. */
  alpha: number
  lowCi: number
  highCi: number
}

interface Estimate {
  estimate: number
  variance: number
}

/** One area's change post − pre per unit time and area, and that change's variance. */
function change(counts: PrePost, timeWeights: PrePost, areaWeight: number): Estimate {
  const preWeight = timeWeights[0] * areaWeight
  const postWeight = timeWeights[1] * areaWeight
  return {
    estimate: counts[1] / postWeight - counts[0] / preWeight,
    variance: counts[1] * (1 / postWeight) ** 2 + counts[0] * (1 / preWeight) ** 2,
  }
}

/** a − b for independent estimates. */
function difference(a: Estimate, b: Estimate): Estimate {
  return { estimate: a.estimate - b.estimate, variance: a.variance + b.variance }
}

export function wdd(input: WddInput): WddResult {
  return wddHarm([{ weight: 1, counts: input }], input)
}

/** The WDD of several categories' counts, each weighted by its harm weight. */
export function wddHarm(parts: ReadonlyArray<HarmPart>, options: WddOptions = {}): WddResult {
  const alpha = options.alpha ?? 0.1
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`wdd: alpha ${alpha} is not in (0, 1)`)
  if (parts.length === 0) throw new RangeError('wdd: no counts')
  const timeWeights = options.timeWeights ?? [1, 1]
  const [controlArea, treatedArea, displacementControlArea, displacementTreatedArea] = options.areaWeights ?? [1, 1, 1, 1]

  const local: Estimate = { estimate: 0, variance: 0 }
  const displace: Estimate = { estimate: 0, variance: 0 }
  for (const { weight, counts } of parts) {
    const partLocal = difference(change(counts.treated, timeWeights, treatedArea), change(counts.control, timeWeights, controlArea))
    const partDisplace = difference(
      change(counts.displacementTreated ?? [0, 0], timeWeights, displacementTreatedArea),
      change(counts.displacementControl ?? [0, 0], timeWeights, displacementControlArea),
    )
    local.estimate += weight * partLocal.estimate
    local.variance += weight ** 2 * partLocal.variance
    displace.estimate += weight * partDisplace.estimate
    displace.variance += weight ** 2 * partDisplace.variance
  }

  const estTotal = local.estimate + displace.estimate
  const varTotal = local.variance + displace.variance
  const seTotal = Math.sqrt(varTotal)
  const level = twoSidedCriticalValue(alpha)
  // No counts at all: nothing to test; say so with z = 0 rather than 0/0.
  const z = seTotal === 0 ? 0 : estTotal / seTotal
  return {
    estLocal: local.estimate,
    varLocal: local.variance,
    seLocal: Math.sqrt(local.variance),
    estDisplace: displace.estimate,
    varDisplace: displace.variance,
    seDisplace: Math.sqrt(displace.variance),
    estTotal,
    varTotal,
    seTotal,
    z,
    p: twoSidedP(z),
    alpha,
    lowCi: estTotal - level * seTotal,
    highCi: estTotal + level * seTotal,
  }
}
