/**
 * The standard normal distribution: CDF Φ, survival function 1 − Φ, two-sided p-value and inverse CDF.
 *
 * Φ and 1 − Φ use W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev approximations for the
 * error function", Math. Comp. 23 (1969) 631–637; ACM TOMS Algorithm 715, 1993), in the arrangement R's
 * `pnorm` uses: the small tail is computed directly rather than as 1 − Φ, so sf(8) ≈ 6.2e-16 keeps full
 * relative accuracy instead of cancelling to 0, and the exp(−x²/2) factor is split so the tails do not lose
 * digits to rounding of x². Absolute error is below ~1e-16 for all x; relative error in the tails ~1e-15.
 */

/* eslint-disable no-loss-of-precision -- Cody's and R's coefficients are quoted digit for digit, so they can be
   checked against the sources; each literal still parses to the nearest double. */
const A = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113]
const B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956]
const C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226,
  2494.5375852903726711, 6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218,
  1.0765576773720192317e-8,
]
const D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755,
  18615.571640885098091, 34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
]
const P = [
  0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466,
  2.9112874951168792e-5, 0.02307344176494017303,
]
const Q = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5]

const SQRT_32 = 5.656854249492380195206754896838
const ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934
/* eslint-enable no-loss-of-precision */
const HALF_EPSILON = Number.EPSILON * 0.5
/** Past this (R's bound), 1 − Φ(x) is below the normal double range; we return 0 rather than a subnormal. */
const UNDERFLOW_X = 37.5193

/** exp(−x²/2), with x split so the product x·x is exact for the leading part (Cody's trick). */
function gaussianFactor(x: number): number {
  const leading = Math.trunc(x * 16) / 16
  const rest = (x - leading) * (x + leading)
  return Math.exp(-leading * leading * 0.5) * Math.exp(-rest * 0.5)
}

/** Lower and upper tail probabilities of x together, each computed without subtracting the other from 1. */
function bothTails(x: number): { lower: number; upper: number } {
  if (Number.isNaN(x)) return { lower: Number.NaN, upper: Number.NaN }
  const y = Math.abs(x)
  if (y <= 0.67448975) {
    let numerator = 0
    let denominator = 0
    if (y > HALF_EPSILON) {
      const xsq = x * x
      numerator = A[4] * xsq
      denominator = xsq
      for (let i = 0; i < 3; i++) {
        numerator = (numerator + A[i]) * xsq
        denominator = (denominator + B[i]) * xsq
      }
    }
    const half = (x * (numerator + A[3])) / (denominator + B[3])
    return { lower: 0.5 + half, upper: 0.5 - half }
  }
  let smallTail: number
  if (y <= SQRT_32) {
    let numerator = C[8] * y
    let denominator = y
    for (let i = 0; i < 7; i++) {
      numerator = (numerator + C[i]) * y
      denominator = (denominator + D[i]) * y
    }
    smallTail = gaussianFactor(y) * ((numerator + C[7]) / (denominator + D[7]))
  } else if (y < UNDERFLOW_X) {
    const xsq = 1 / (x * x)
    let numerator = P[5] * xsq
    let denominator = xsq
    for (let i = 0; i < 4; i++) {
      numerator = (numerator + P[i]) * xsq
      denominator = (denominator + Q[i]) * xsq
    }
    const ratio = (xsq * (numerator + P[4])) / (denominator + Q[4])
    smallTail = (gaussianFactor(y) * (ONE_OVER_SQRT_2PI - ratio)) / y
  } else {
    smallTail = 0
  }
  return x > 0 ? { lower: 1 - smallTail, upper: smallTail } : { lower: smallTail, upper: 1 - smallTail }
}

/** Φ(x) = P(Z ≤ x). */
export function normalCdf(x: number): number {
  return bothTails(x).lower
}

/** 1 − Φ(x) = P(Z > x), accurate in relative terms far into the upper tail. */
export function normalSf(x: number): number {
  return bothTails(x).upper
}

/** Two-sided p-value of a z-score: 2·P(Z > |z|), never above 1. */
export function twoSidedP(z: number): number {
  return Math.min(1, 2 * normalSf(Math.abs(z)))
}

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return ONE_OVER_SQRT_2PI * gaussianFactor(Math.abs(x))
}

// Acklam's rational approximation to Φ⁻¹ (relative error < 1.15e-9), then one Halley step on Φ above.
const ACKLAM_A = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239]
const ACKLAM_B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572]
const ACKLAM_C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783]
const ACKLAM_D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416]
const ACKLAM_LOW = 0.02425

function acklamQuantile(p: number): number {
  if (p < ACKLAM_LOW) {
    const q = Math.sqrt(-2 * Math.log(p))
    return (
      (((((ACKLAM_C[0] * q + ACKLAM_C[1]) * q + ACKLAM_C[2]) * q + ACKLAM_C[3]) * q + ACKLAM_C[4]) * q + ACKLAM_C[5]) /
      ((((ACKLAM_D[0] * q + ACKLAM_D[1]) * q + ACKLAM_D[2]) * q + ACKLAM_D[3]) * q + 1)
    )
  }
  if (p > 1 - ACKLAM_LOW) return -acklamQuantile(1 - p)
  const q = p - 0.5
  const r = q * q
  return (
    ((((((ACKLAM_A[0] * r + ACKLAM_A[1]) * r + ACKLAM_A[2]) * r + ACKLAM_A[3]) * r + ACKLAM_A[4]) * r + ACKLAM_A[5]) * q) /
    (((((ACKLAM_B[0] * r + ACKLAM_B[1]) * r + ACKLAM_B[2]) * r + ACKLAM_B[3]) * r + ACKLAM_B[4]) * r + 1)
  )
}

/**
 * Φ⁻¹(p): the z with Φ(z) = p. Used for critical values (e.g. 1.959963984540054 for p = 0.975).
 * The Halley step works on whichever tail is smaller so that p near 1 keeps its accuracy.
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN
  if (p === 0) return Number.NEGATIVE_INFINITY
  if (p === 1) return Number.POSITIVE_INFINITY
  if (p > 0.5) return -lowerQuantile(1 - p)
  return lowerQuantile(p)
}

/** Φ⁻¹(p) for 0 < p ≤ 0.5, refined by one Halley step on the lower tail. */
function lowerQuantile(p: number): number {
  const x = acklamQuantile(p)
  const error = normalCdf(x) - p
  const u = error / normalPdf(x)
  return x - u / (1 + (x * u) / 2)
}

/** Two-sided critical value for significance level alpha: Φ⁻¹(1 − alpha/2). */
export function twoSidedCriticalValue(alpha: number): number {
  return -normalQuantile(alpha / 2)
}
