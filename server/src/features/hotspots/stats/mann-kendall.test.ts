import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { mannKendall, mannKendallScore, mannKendallTest, mannKendallVariance, sensSlope } from './mann-kendall.js'

interface MannKendallVectors {
  inputs: { x_with_nulls: Array<number | null>; n_total: number; n_nan: number; n_used: number; alpha: number }
  expected: {
    original_test: { s: number; var_s: number; z: number; p: number; Tau: number; trend: string; h: boolean }
    sens_slope: { slope: number; intercept: number }
    other_cases_in_test: {
      'constant series of 360 equal values': { s: number; var_s: number; z: number; p: number; Tau: number; trend: string }
      'strictly increasing 0..359 (plus 1e-13 noise)': { s: number; Tau: number; p: number; trend: string; sen_slope: number }
    }
  }
}

const vectors = JSON.parse(
  readFileSync(new URL('../../../../../tests/reference/mann_kendall.json', import.meta.url), 'utf8'),
) as MannKendallVectors
// The upstream test compares with ==; the vector file asks a re-implementation for ~1e-9 relative.
const RELATIVE = 1e-9

function expectRelative(actual: number, expected: number, what: string): void {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(RELATIVE * Math.abs(expected))
}

describe('mannKendall against pyMannKendall original_test (360 values, 7 missing)', () => {
  const { x_with_nulls: series, alpha } = vectors.inputs
  const expected = vectors.expected.original_test
  const result = mannKendall(series, alpha)

  it('skips the missing values', () => {
    expect(result.n).toBe(vectors.inputs.n_used)
  })

  it('matches S and the tie-corrected Var(S) exactly', () => {
    expect(result.s).toBe(expected.s)
    expect(result.varS).toBe(expected.var_s)
  })

  it('matches Z, p and tau to 1e-9 relative', () => {
    expectRelative(result.z, expected.z, 'z')
    expectRelative(result.p, expected.p, 'p')
    expectRelative(result.tau, expected.Tau, 'tau')
  })

  it('reports no trend at alpha = 0.05', () => {
    expect(result.trend).toBe(expected.trend)
    expect(result.significant).toBe(expected.h)
  })

  it('matches Sen\'s slope and intercept (original positions kept for the slope)', () => {
    expectRelative(result.slope, vectors.expected.sens_slope.slope, 'slope')
    expectRelative(result.intercept, vectors.expected.sens_slope.intercept, 'intercept')
    // NaN marks a missing value just as null does.
    const withNaN = series.map((value) => (value === null ? Number.NaN : value))
    expect(sensSlope(withNaN)).toEqual(sensSlope(series))
  })
})

describe('mannKendall on the other cases of pyMannKendall\'s tests', () => {
  it('gives S = 0, Var(S) = 0, Z = 0, p = 1, tau = 0, no trend for a constant series', () => {
    const expected = vectors.expected.other_cases_in_test['constant series of 360 equal values']
    const result = mannKendall(new Array<number>(360).fill(3.7))
    expect([result.s, result.varS, result.z, result.p, result.tau]).toEqual([
      expected.s,
      expected.var_s,
      expected.z,
      expected.p,
      expected.Tau,
    ])
    expect(result.trend).toBe(expected.trend)
    expect(result.slope).toBe(0)
  })

  it('gives S = 64620, tau = 1, p ≈ 0, increasing, slope 1 for 0..359 with 1e-13 noise', () => {
    const expected = vectors.expected.other_cases_in_test['strictly increasing 0..359 (plus 1e-13 noise)']
    let seed = 42
    const noise = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return (seed / 2147483648) * 1e-13
    }
    const result = mannKendall(Array.from({ length: 360 }, (_, i) => i + noise()))
    expect(result.s).toBe(expected.s)
    expect(result.tau).toBe(expected.Tau)
    expect(result.trend).toBe(expected.trend)
    // pyMannKendall's 2·(1 − Φ(28.3)) rounds to 0; our 2·(1 − Φ) from the upper tail is ~1e-176.
    expect(result.p).toBeLessThan(1e-150)
    expect(result.slope).toBeCloseTo(expected.sen_slope, 12)
  })
})

describe('Mann–Kendall pieces by hand', () => {
  it('counts concordant minus discordant pairs', () => {
    // pairs of [1, 3, 2]: (1,3)+ (1,2)+ (3,2)− → S = 1
    expect(mannKendallScore([1, 3, 2])).toBe(1)
    expect(mannKendallScore([4, 3, 2, 1])).toBe(-6)
  })

  it('subtracts t(t−1)(2t+5) for each tie group', () => {
    // n = 5 → 5·4·15 = 300; ties: a pair (2·1·9 = 18) and a triple (3·2·11 = 66) → (300 − 84)/18 = 12
    expect(mannKendallVariance([1, 1, 2, 2, 2])).toBe(12)
    expect(mannKendallVariance([1, 2, 3, 4, 5])).toBe(300 / 18)
  })

  it('applies the continuity correction on both sides', () => {
    const up = mannKendall([1, 2, 3, 4, 5])
    expect(up.z).toBeCloseTo((10 - 1) / Math.sqrt(300 / 18), 14)
    const down = mannKendall([5, 4, 3, 2, 1])
    expect(down.z).toBeCloseTo(-(10 - 1) / Math.sqrt(300 / 18), 14)
    expect(down.trend).toBe('decreasing')
  })

  it('keeps original positions for Sen\'s slope across a gap', () => {
    // values at positions 0, 1, 3: slopes (4−2)/1 = 2, (8−2)/3 = 2, (8−4)/2 = 2
    expect(sensSlope([2, 4, null, 8])).toEqual({ slope: 2, intercept: 4 - 1 * 2 })
  })

  it('finds the same Sen\'s slope as sorting every pairwise slope, on random series with ties and gaps', () => {
    const sortedMedian = (values: number[]): number => {
      const sorted = [...values].sort((a, b) => a - b)
      const middle = sorted.length >> 1
      return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
    let seed = 7
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed / 2147483648
    }
    for (let trial = 0; trial < 200; trial++) {
      const series = Array.from({ length: 2 + Math.floor(random() * 30) }, () => (random() < 0.1 ? null : Math.floor(random() * 6)))
      const present = series.flatMap((value, index) => (value === null ? [] : [{ value, index }]))
      if (present.length < 2) continue
      const slopes = present.flatMap((a, i) => present.slice(i + 1).map((b) => (b.value - a.value) / (b.index - a.index)))
      const slope = sortedMedian(slopes)
      const intercept = sortedMedian(present.map((item) => item.value)) - sortedMedian(present.map((item) => item.index)) * slope
      expect(sensSlope(series)).toEqual({ slope, intercept })
    }
  })

  it('gives the same test with or without Sen\'s slope, and treats infinities as missing', () => {
    const series = [3, 1, null, 4, 1, 5, Number.POSITIVE_INFINITY, 9, 2, 6]
    const { slope: _slope, intercept: _intercept, ...test } = mannKendall(series)
    expect(mannKendallTest(series)).toEqual(test)
    expect(test.n).toBe(8)
  })

  it('copes with series too short to test', () => {
    const empty = mannKendall([])
    expect([empty.n, empty.s, empty.z, empty.p, empty.tau, empty.trend]).toEqual([0, 0, 0, 1, 0, 'no trend'])
    expect(mannKendall([null, 5]).slope).toBeNaN()
  })
})
