import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { adjustPValues, controlFdr } from './fdr.js'

interface FdrCase {
  name: string
  alpha: number
  pvals_raw: number[]
  expected_bh_adjusted?: number[]
  expected_by_adjusted?: number[]
  expected_reject_bh?: boolean[]
  n_reject_bh?: number
  expected?: { single_step_BH_rejections: number }
  recomputed_bh_adjusted?: number[]
  recomputed_n_reject_bh?: number
}

const vectors = JSON.parse(readFileSync(new URL('../../../../../tests/reference/fdr_bh.json', import.meta.url), 'utf8')) as {
  cases: FdrCase[]
}
// numpy assert_almost_equal(decimal=15): |actual − expected| < 1.5e-15.
const TOLERANCE = 1.5e-15

function expectAlmostEqual(actual: ArrayLike<number>, expected: number[]): void {
  expect(actual.length).toBe(expected.length)
  expected.forEach((value, i) => {
    expect(Math.abs(actual[i] - value), `element ${i}: ${actual[i]} vs ${value}`).toBeLessThan(TOLERANCE)
  })
}

/** The vectors are sorted ascending; reversing them checks that results are mapped back to the input order. */
function reversed<T>(values: T[]): T[] {
  return [...values].reverse()
}

describe('Benjamini–Hochberg against statsmodels / R multtest', () => {
  for (const testCase of vectors.cases) {
    const bhExpected = testCase.expected_bh_adjusted ?? testCase.recomputed_bh_adjusted
    if (!bhExpected) continue

    it(`${testCase.name}: adjusted p-values`, () => {
      expectAlmostEqual(adjustPValues(testCase.pvals_raw), bhExpected)
    })

    it(`${testCase.name}: the same values when the input is not sorted`, () => {
      expectAlmostEqual(adjustPValues(reversed(testCase.pvals_raw)), reversed(bhExpected))
    })

    it(`${testCase.name}: rejections at alpha = ${testCase.alpha}`, () => {
      const result = controlFdr(testCase.pvals_raw, testCase.alpha)
      if (testCase.expected_reject_bh) expect(result.rejected).toEqual(testCase.expected_reject_bh)
      const count = testCase.n_reject_bh ?? testCase.expected?.single_step_BH_rejections ?? testCase.recomputed_n_reject_bh
      expect(result.rejectedCount).toBe(count)
    })
  }
})

describe('Benjamini–Yekutieli against statsmodels / R multtest', () => {
  for (const testCase of vectors.cases) {
    const byExpected = testCase.expected_by_adjusted
    if (!byExpected) continue
    it(`${testCase.name}: adjusted p-values`, () => {
      expectAlmostEqual(adjustPValues(testCase.pvals_raw, 'by'), byExpected)
      expectAlmostEqual(adjustPValues(reversed(testCase.pvals_raw), 'by'), reversed(byExpected))
    })
  }
})

describe('FDR properties', () => {
  it('is monotone in the raw p-values and never below them, capped at 1', () => {
    const raw = [0.9, 0.01, 0.04, 0.5, 0.03, 0.2, 1, 0.0001]
    const adjusted = adjustPValues(raw)
    raw.forEach((p, i) => {
      expect(adjusted[i]).toBeGreaterThanOrEqual(p)
      expect(adjusted[i]).toBeLessThanOrEqual(1)
      raw.forEach((q, j) => {
        if (p <= q) expect(adjusted[i]).toBeLessThanOrEqual(adjusted[j])
      })
    })
  })

  it('gives tied p-values the same adjusted value', () => {
    const adjusted = adjustPValues([0.02, 0.01, 0.02, 0.5])
    expect(adjusted[0]).toBe(adjusted[2])
  })

  it('equals the textbook procedure (sort, scale by m/rank, running minimum from the top) on thousands of p-values with ties', () => {
    let seed = 12345
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    // Many exact ties, as empty cells give: p rounded to three decimals, and a block of ones.
    const raw = Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? 1 : Math.round(random() ** 3 * 1000) / 1000))
    for (const method of ['bh', 'by'] as const) {
      const m = raw.length
      const factor = method === 'by' ? Array.from({ length: m }, (_, k) => 1 / (k + 1)).reduce((sum, value) => sum + value, 0) : 1
      const order = raw.map((p, index) => [p, index] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1])
      const expected = new Array<number>(m)
      let running = 1
      for (let rank = m; rank >= 1; rank--) {
        const [p, index] = order[rank - 1]
        running = Math.min(running, ((m * factor) / rank) * p)
        expected[index] = running
      }
      expect(Array.from(adjustPValues(raw, method))).toEqual(expected)
    }
  })

  it('handles no tests and one test', () => {
    expect(adjustPValues([]).length).toBe(0)
    expect(Array.from(adjustPValues([0.03]))).toEqual([0.03])
  })

  it('rejects p-values outside [0, 1] and a bad alpha', () => {
    expect(() => adjustPValues([0.1, Number.NaN])).toThrow(/not in \[0, 1\]/)
    expect(() => adjustPValues([1.2])).toThrow(/not in \[0, 1\]/)
    expect(() => controlFdr([0.1], 0)).toThrow(/alpha/)
  })
})
