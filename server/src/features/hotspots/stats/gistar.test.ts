import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { giStar } from './gistar.js'

interface VariantVectors {
  test_asserted: { 'Zs[0]': number; rtol: number; atol: number }
  doctest_Zs_all: number[]
  recomputed: { Gs: number[]; Zs: number[]; p_norm_one_sided_sf_abs_z: number[]; p_two_sided: number[] }
}
interface GiStarVectors {
  source: { tolerance_constants: string }
  inputs: { y: number[]; neighbours_0based: number[][] }
  expected: {
    local: Record<'B' | 'R' | 'B*' | 'R*', VariantVectors>
    ord_getis_1995_general_formula_z_for_comparison: { 'B*': number[]; 'R*': number[] }
  }
}

const vectors = JSON.parse(
  readFileSync(new URL('../../../../../tests/reference/gistar_esda.json', import.meta.url), 'utf8'),
) as GiStarVectors
const binaryStar = vectors.expected.local['B*']
// libpysal.common RTOL / ATOL, applied as numpy.testing.assert_allclose does: |a − e| ≤ atol + rtol·|e|.
const RTOL = binaryStar.test_asserted.rtol
const ATOL = binaryStar.test_asserted.atol

function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol = RTOL, atol = ATOL): void {
  expect(actual.length).toBe(expected.length)
  for (let i = 0; i < expected.length; i++) {
    const allowed = atol + rtol * Math.abs(expected[i])
    expect(Math.abs(actual[i] - expected[i]), `element ${i}: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(allowed)
  }
}

describe('giStar against esda G_Local(star=True, transform="B")', () => {
  const { y, neighbours_0based: neighbours } = vectors.inputs
  const result = giStar(y, neighbours)

  it('matches the asserted z of the first point', () => {
    expectAllClose([result.z[0]], [binaryStar.test_asserted['Zs[0]']])
  })

  it('matches the doctest z-scores of all six points', () => {
    expectAllClose(result.z, binaryStar.doctest_Zs_all)
  })

  it('matches the recomputed z-scores to near machine precision', () => {
    expectAllClose(result.z, binaryStar.recomputed.Zs, 1e-12, 1e-14)
  })

  it('reports two-sided p, twice esda\'s one-sided p_norm', () => {
    expectAllClose(result.p, binaryStar.recomputed.p_two_sided)
    expectAllClose(
      result.p,
      binaryStar.recomputed.p_norm_one_sided_sf_abs_z.map((oneSided) => 2 * oneSided),
    )
  })

  it('reports the raw statistic G*_i = Σ_j w_ij y_j / Σ y', () => {
    expectAllClose(result.gStar, binaryStar.recomputed.Gs, 1e-12, 1e-14)
  })

  it('equals the Ord & Getis (1995) general formula', () => {
    expectAllClose(result.z, vectors.expected.ord_getis_1995_general_formula_z_for_comparison['B*'])
  })

  it('accepts typed arrays as well as plain arrays', () => {
    const typed = giStar(Float64Array.from(y), neighbours.map((list) => Int32Array.from(list)))
    expect(Array.from(typed.z)).toEqual(Array.from(result.z))
  })
})

describe('giStar with row-standardised weights', () => {
  it('gives the general formula\'s R* z-scores, identical to binary (invariance to row scaling)', () => {
    const { y, neighbours_0based: neighbours } = vectors.inputs
    const rowStandardised = giStar(y, neighbours, { rowStandardised: true })
    expectAllClose(rowStandardised.z, vectors.expected.ord_getis_1995_general_formula_z_for_comparison['R*'])
    // esda's own R* z differs: it plugs row sums of 1 into the binary-weights variance (see the vector file's CAUTION).
    expect(Math.abs(rowStandardised.z[0] - vectors.expected.local['R*'].doctest_Zs_all[0])).toBeGreaterThan(0.5)
    expectAllClose(rowStandardised.gStar, vectors.expected.local['R*'].recomputed.Gs, 1e-12, 1e-14)
  })

  it('leaves z unchanged on random values and irregular neighbourhoods', () => {
    let seed = 12345
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed / 2147483648
    }
    for (let trial = 0; trial < 20; trial++) {
      const n = 5 + Math.floor(random() * 40)
      const values = Array.from({ length: n }, () => Math.floor(random() * 20))
      const neighbours = Array.from({ length: n }, (_, i) =>
        Array.from({ length: n }, (_, j) => j).filter((j) => j !== i && random() < 0.2),
      )
      const binary = giStar(values, neighbours)
      const scaled = giStar(values, neighbours, { rowStandardised: true })
      expectAllClose(scaled.z, binary.z, 1e-12, 1e-12)
    }
  })
})

describe('giStar degenerate inputs', () => {
  it('gives z = 0 and p = 1 when every value is equal, with no NaN anywhere', () => {
    for (const constant of [0, 0.1, 7]) {
      const result = giStar([constant, constant, constant, constant], [[1], [0, 2], [1, 3], [2]])
      expect(Array.from(result.z)).toEqual([0, 0, 0, 0])
      expect(Array.from(result.p)).toEqual([1, 1, 1, 1])
      expect(Array.from(result.gStar).every(Number.isFinite)).toBe(true)
    }
  })

  it('gives z = 0 and p = 1 to a cell whose neighbourhood is the whole area, and scores the others', () => {
    const result = giStar([1, 5, 2, 9], [[1, 2, 3], [0], [0], [0]])
    expect(result.z[0]).toBe(0)
    expect(result.p[0]).toBe(1)
    for (let i = 1; i < 4; i++) expect(Number.isFinite(result.z[i]) && result.z[i] !== 0).toBe(true)
  })

  it('handles a single cell and an empty area', () => {
    const single = giStar([3], [[]])
    expect([single.z[0], single.p[0]]).toEqual([0, 1])
    expect(giStar([], []).z.length).toBe(0)
  })

  it('scores an isolated cell (no neighbours) from its own value alone', () => {
    const values = [0, 0, 0, 10]
    const result = giStar(values, [[1], [0], [], []])
    // k = 0: z = (x_i − x̄) / (S·sqrt((n − 1)/(n − 1))) = (10 − 2.5) / sqrt(18.75)
    expect(result.z[3]).toBeCloseTo(7.5 / Math.sqrt(18.75), 14)
  })

  it('rejects neighbour lists that include the cell itself, repeat a neighbour, or point outside the area', () => {
    expect(() => giStar([1, 2], [[0], []])).toThrow(/lists itself/)
    expect(() => giStar([1, 2, 3], [[1, 1], [], []])).toThrow(/twice/)
    expect(() => giStar([1, 2], [[2], []])).toThrow(/outside/)
    expect(() => giStar([1, 2], [[1]])).toThrow(/neighbour lists/)
    expect(() => giStar([1, Number.NaN], [[1], [0]])).toThrow(/finite/)
  })
})

describe("giStar with pValues: 'up-to-0.10'", () => {
  it('gives every p of at most 0.10 exactly, and 1 only where p is above 0.10', () => {
    let seed = 99
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed / 2147483648
    }
    let small = 0
    for (let trial = 0; trial < 20; trial++) {
      const n = 50 + Math.floor(random() * 200)
      // Mostly zeros with a few clusters of high values, as monthly counts are, so that some cells are significant.
      const values = Array.from({ length: n }, () => (random() < 0.1 ? Math.floor(random() * 40) : 0))
      const neighbours = Array.from({ length: n }, (_, i) => [i - 2, i - 1, i + 1, i + 2].filter((j) => j >= 0 && j < n))
      const full = giStar(values, neighbours)
      const partial = giStar(values, neighbours, { pValues: 'up-to-0.10' })
      expect(Array.from(partial.z)).toEqual(Array.from(full.z))
      for (let i = 0; i < n; i++) {
        if (full.p[i] <= 0.1) {
          small++
          expect(partial.p[i]).toBe(full.p[i])
        } else {
          expect(partial.p[i] === full.p[i] || partial.p[i] === 1).toBe(true)
        }
      }
    }
    expect(small).toBeGreaterThan(20)
  })
})
