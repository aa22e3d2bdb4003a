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
 */

/** Counts before and after the intervention. */
export type PrePost = readonly [pre: number, post: number]

export interface WddInput {
  control: PrePost
  treated: PrePost
  /** Buffer around the control area (default no counts). */
  displacementControl?: PrePost
  /** Buffer around the treated area, where displaced incidents would show (default no counts). */
  displacementTreated?: PrePost
  /** Lengths of the pre and post periods, e.g. [2, 1] for two years before and one after (default [1, 1]). */
  timeWeights?: PrePost
  /** Sizes of the control, treated, displacement-control and displacement-treated areas (default all 1). */
  areaWeights?: readonly [control: number, treated: number, displacementControl: number, displacementTreated: number]
  /** For the confidence interval (default 0.1, a 90% interval, as ptools). */
  alpha?: number
}

export interface WddResult {
  estLocal: number
  seLocal: number
  estDisplace: number
  seDisplace: number
  estTotal: number
  seTotal: number
  z: number
  lowCi: number
  highCi: number
  p: number
}

/** One area's change post − pre per unit time and area, and that change's variance. */
function change(counts: PrePost, timeWeights: PrePost, areaWeight: number): { estimate: number; variance: number } {
  const preWeight = timeWeights[0] * areaWeight
  const postWeight = timeWeights[1] * areaWeight
  return {
    estimate: counts[1] / postWeight - counts[0] / preWeight,
    variance: counts[1] * (1 / postWeight) ** 2 + counts[0] * (1 / preWeight) ** 2,
  }
}

function zAndInterval(estimate: number, standardError: number, alpha: number): Pick<WddResult, 'z' | 'lowCi' | 'highCi' | 'p'> {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`wdd: alpha ${alpha} is not in (0, 1)`)
  const level = twoSidedCriticalValue(alpha)
  // No counts at all: nothing to test; say so with z = 0 rather than 0/0.
  const z = standardError === 0 ? 0 : estimate / standardError
  return { z, lowCi: estimate - level * standardError, highCi: estimate + level * standardError, p: twoSidedP(z) }
}

export function wdd(input: WddInput): WddResult {
  const timeWeights = input.timeWeights ?? [1, 1]
  const [controlArea, treatedArea, displacementControlArea, displacementTreatedArea] = input.areaWeights ?? [1, 1, 1, 1]
  const control = change(input.control, timeWeights, controlArea)
  const treated = change(input.treated, timeWeights, treatedArea)
  const displacementControl = change(input.displacementControl ?? [0, 0], timeWeights, displacementControlArea)
  const displacementTreated = change(input.displacementTreated ?? [0, 0], timeWeights, displacementTreatedArea)

  const estLocal = treated.estimate - control.estimate
  const varianceLocal = treated.variance + control.variance
  const estDisplace = displacementTreated.estimate - displacementControl.estimate
  const varianceDisplace = displacementTreated.variance + displacementControl.variance
  const estTotal = estLocal + estDisplace
  const seTotal = Math.sqrt(varianceLocal + varianceDisplace)
  return {
    estLocal,
    seLocal: Math.sqrt(varianceLocal),
    estDisplace,
    seDisplace: Math.sqrt(varianceDisplace),
    estTotal,
    seTotal,
    ...zAndInterval(estTotal, seTotal, input.alpha ?? 0.1),
  }
}

export interface WddHarmResult {
  harmEstimate: number
  seHarmEstimate: number
  z: number
  lowCi: number
  highCi: number
  p: number
}

/**
 * Several WDD estimates (one per crime type) combined with harm weights: Σ w_k·est_k, SE = sqrt(Σ w_k²·se_k²)
 * (ptools `wdd_harm`, after Wheeler 2020, "Amending the WDD test to incorporate harm weights").
 */
export function wddHarm(
  estimates: ReadonlyArray<number>,
  standardErrors: ReadonlyArray<number>,
  weights: ReadonlyArray<number>,
  alpha = 0.1,
): WddHarmResult {
  if (estimates.length !== standardErrors.length || estimates.length !== weights.length) {
    throw new RangeError('wddHarm: one standard error and one weight per estimate')
  }
  let harmEstimate = 0
  let variance = 0
  estimates.forEach((estimate, k) => {
    harmEstimate += estimate * weights[k]
    variance += standardErrors[k] ** 2 * weights[k] ** 2
  })
  const seHarmEstimate = Math.sqrt(variance)
  return { harmEstimate, seHarmEstimate, ...zAndInterval(harmEstimate, seHarmEstimate, alpha) }
}
