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

  it('reproduces each crime type\'s WDD estimate and standard error', () => {
    Object.values(inputs['per_crime_wdd_calls (control,treated)']).forEach(([control, treated], k) => {
      const result = wdd({ control, treated })
      expect(result.estLocal).toBe(inputs.est[k])
      expectEqualWithin(result.seLocal, inputs.se[k], 1e-15, `se ${k}`)
    })
  })

  it('combines them with harm weights (testthat tolerance 1e-5, and 1e-12 against the recomputation)', () => {
    const result = wddHarm(inputs.est, inputs.se, inputs.weights, inputs.alpha)
    const ours = [result.harmEstimate, result.seHarmEstimate, result.z, result.lowCi, result.highCi]
    const names = ['HarmEst', 'SE_HarmEst', 'Z', 'LowCI', 'HighCI']
    names.forEach((name, i) => {
      expectEqualWithin(ours[i], expected[name], 1e-5, name)
      expectEqualWithin(ours[i], recomputed[name], 1e-12, name)
    })
  })

  it('rejects mismatched lengths', () => {
    expect(() => wddHarm([1, 2], [1], [1, 1])).toThrow(/one standard error/)
  })
})

describe('wdd edge cases', () => {
  it('gives z = 0 and p = 1, not NaN, when every count is 0', () => {
    const result = wdd({ control: [0, 0], treated: [0, 0] })
    expect([result.estTotal, result.seTotal, result.z, result.p]).toEqual([0, 0, 0, 1])
  })
})
