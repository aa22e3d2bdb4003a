import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { wdd, wddHarm, type WddResult } from './wdd.js'

type Pair = [number, number]
interface WddCase {
  name: string
  inputs: {
    control: Pair
    treated: Pair
    disp_control?: Pair
    disp_treated?: Pair
    time_weights?: Pair
    area_weights?: [number, number, number, number]
    alpha?: number
  }
  expected: Record<string, number>
  expected_tolerance: number
  expected_rounding_applied_before_compare: Record<string, number> | null
  recomputed_all_outputs: Record<string, number>
}
interface WddVectors {
  cases: WddCase[]
  harm_case: {
    inputs: { 'per_crime_wdd_calls (control,treated)': Record<string, [Pair, Pair]>; est: number[]; se: number[]; weights: number[]; alpha: number }
    expected: Record<string, number>
    recomputed: Record<string, number>
  }
}

const vectors = JSON.parse(readFileSync(new URL('../../../../tests/reference/wdd_ptools.json', import.meta.url), 'utf8')) as WddVectors

/** ptools output names → ours. */
const FIELD: Readonly<Record<string, keyof WddResult>> = {
  Est_Local: 'estLocal',
  SE_Local: 'seLocal',
  Est_Displace: 'estDisplace',
  SE_Displace: 'seDisplace',
  Est_Total: 'estTotal',
  SE_Total: 'seTotal',
  Z: 'z',
  LowCI: 'lowCi',
  HighCI: 'highCi',
  p_two_sided_derived: 'p',
}

/** testthat's expect_equal: relative difference, absolute when the expected value is 0. */
function expectEqualWithin(actual: number, expected: number, tolerance: number, what: string): void {
  const scale = expected === 0 ? 1 : Math.abs(expected)
  expect(Math.abs(actual - expected) / scale, `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance)
}

function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

function runCase(testCase: WddCase): WddResult {
  const { inputs } = testCase
  return wdd({
    control: inputs.control,
    treated: inputs.treated,
    displacementControl: inputs.disp_control,
    displacementTreated: inputs.disp_treated,
    timeWeights: inputs.time_weights,
    areaWeights: inputs.area_weights,
    alpha: inputs.alpha,
  })
}

describe('wdd against ptools', () => {
  for (const testCase of vectors.cases) {
    it(`${testCase.name}: the asserted values`, () => {
      const result = runCase(testCase)
      for (const [name, expected] of Object.entries(testCase.expected)) {
        const digits = testCase.expected_rounding_applied_before_compare?.[name]
        const actual = digits === undefined ? result[FIELD[name]] : roundTo(result[FIELD[name]], digits)
        expectEqualWithin(actual, expected, testCase.expected_tolerance, name)
      }
    })

    it(`${testCase.name}: every recomputed output, p included, to 1e-12`, () => {
      const result = runCase(testCase)
      for (const [name, expected] of Object.entries(testCase.recomputed_all_outputs)) {
        if (name === 'p_one_sided_lower_derived') continue
        expectEqualWithin(result[FIELD[name]], expected, 1e-12, name)
      }
    })
  }
})

describe('wddHarm against ptools', () => {
  const { inputs, expected, recomputed } = vectors.harm_case
  const perCrime = Object.values(inputs['per_crime_wdd_calls (control,treated)'])

  it('reproduces each crime type\'s WDD estimate and standard error', () => {
    perCrime.forEach(([control, treated], k) => {
      const result = wdd({ control, treated })
      expect(result.estLocal).toBe(inputs.est[k])
      expectEqualWithin(result.seLocal, inputs.se[k], 1e-15, `se ${k}`)
    })
  })

  it('combines them with harm weights (testthat tolerance 1e-5, and 1e-12 against the recomputation)', () => {
    const parts = perCrime.map(([control, treated], k) => ({ weight: inputs.weights[k], counts: { control, treated } }))
    const result = wddHarm(parts, { alpha: inputs.alpha })
    const ours = [result.estTotal, result.seTotal, result.z, result.lowCi, result.highCi]
    const names = ['HarmEst', 'SE_HarmEst', 'Z', 'LowCI', 'HighCI']
    names.forEach((name, i) => {
      expectEqualWithin(ours[i], expected[name], 1e-5, name)
      expectEqualWithin(ours[i], recomputed[name], 1e-12, name)
    })
  })

  it('weights the local and the displacement parts alike, so the total is Σ h·estimate with variance Σ h²·variance', () => {
    const categories = [
      { weight: 5, counts: { control: [40, 44], treated: [30, 18], displacementTreated: [12, 15] } },
      { weight: 438, counts: { control: [6, 5], treated: [4, 1], displacementTreated: [3, 2] } },
    ] as const
    const harm = wddHarm(categories)
    const each = categories.map(({ counts }) => wdd(counts))
    expectEqualWithin(harm.estLocal, 5 * each[0].estLocal + 438 * each[1].estLocal, 1e-15, 'local')
    expectEqualWithin(harm.estDisplace, 5 * each[0].estDisplace + 438 * each[1].estDisplace, 1e-15, 'displace')
    expectEqualWithin(harm.varTotal, 25 * each[0].varTotal + 438 ** 2 * each[1].varTotal, 1e-15, 'variance')
  })
})

describe('wdd edge cases', () => {
  it('gives z = 0 and p = 1, not NaN, when every count is 0', () => {
    const result = wdd({ control: [0, 0], treated: [0, 0] })
    expect([result.estTotal, result.seTotal, result.z, result.p]).toEqual([0, 0, 0, 1])
  })

  it('gives each part\'s variance as its standard error squared', () => {
    const result = runCase(vectors.cases[4])
    expectEqualWithin(result.seLocal ** 2, result.varLocal, 1e-15, 'local')
    expectEqualWithin(result.seDisplace ** 2, result.varDisplace, 1e-15, 'displace')
    expectEqualWithin(result.seTotal ** 2, result.varTotal, 1e-15, 'total')
    expect(result.varLocal + result.varDisplace).toBe(result.varTotal)
  })

  it('reports the alpha its interval is for, 0.1 (90%) unless told', () => {
    expect(wdd({ control: [20, 20], treated: [20, 10] }).alpha).toBe(0.1)
    expect(runCase(vectors.cases[4]).alpha).toBe(0.05)
  })

  it('refuses an alpha outside (0, 1) and an empty list of categories', () => {
    expect(() => wdd({ control: [1, 1], treated: [1, 1], alpha: 1 })).toThrow(/alpha/)
    expect(() => wddHarm([])).toThrow(/no counts/)
  })
})
