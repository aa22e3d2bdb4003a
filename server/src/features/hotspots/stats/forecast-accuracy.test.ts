import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { forecastAccuracy, forecastAccuracyByPeriod, paiTable, rankByPrediction } from './forecast-accuracy.js'

interface FullTable {
  order_original_index_0based: number[]
  Count: number[]
  CumCount: number[]
  PCumCount: number[]
  Pred: number[]
  CumPred: number[]
  Area: number[]
  CumArea: number[]
  PCumArea: number[]
  PAI: number[]
  PEI: number[]
  RRI: number[]
}
interface PaiCase {
  name: string
  inputs: { obs: number[]; pred: number[]; area: number[] }
  expected?: { PAI: number[]; PEI: number[]; RRI: number[] }
  recomputed_full_table: FullTable
  recomputed_pai_summary_at_thresholds_1_3_5?: Record<string, { CumCount: number; CumPred: number; PAI: number; PEI: number; RRI: number }>
}

const vectors = JSON.parse(readFileSync(new URL('../../../../../tests/reference/pai.json', import.meta.url), 'utf8')) as {
  cases: PaiCase[]
}
// testthat expect_equal default: ~1.5e-8 relative.
const TESTTHAT = 1.5e-8

function expectClose(actual: ReadonlyArray<number | null>, expected: number[], relative: number): void {
  expect(actual.length).toBe(expected.length)
  expected.forEach((value, i) => {
    const got = actual[i]
    expect(got, `element ${i}`).not.toBeNull()
    expect(Math.abs((got ?? Number.NaN) - value), `element ${i}: ${got} vs ${value}`).toBeLessThanOrEqual(relative * Math.abs(value))
  })
}

describe('paiTable against ptools', () => {
  const [simple, manPage] = vectors.cases

  it(`${simple.name}: PAI, PEI and RRI as asserted`, () => {
    const { obs, pred, area } = simple.inputs
    const rows = paiTable(obs, pred, area)
    const expected = simple.expected
    if (!expected) throw new Error('vector file changed: the simple case lost its asserted values')
    expectClose(rows.map((row) => row.pai), expected.PAI, TESTTHAT)
    expectClose(rows.map((row) => row.pei), expected.PEI, TESTTHAT)
    expectClose(rows.map((row) => row.rri), expected.RRI, TESTTHAT)
  })

  for (const testCase of vectors.cases) {
    it(`${testCase.name}: the whole recomputed table, including the tie order`, () => {
      const { obs, pred, area } = testCase.inputs
      const rows = paiTable(obs, pred, area)
      const table = testCase.recomputed_full_table
      expect(rows.map((row) => row.index)).toEqual(table.order_original_index_0based)
      expect(rows.map((row) => row.count)).toEqual(table.Count)
      expect(rows.map((row) => row.cumCount)).toEqual(table.CumCount)
      expect(rows.map((row) => row.pred)).toEqual(table.Pred)
      expect(rows.map((row) => row.cumPred)).toEqual(table.CumPred)
      expect(rows.map((row) => row.cumArea)).toEqual(table.CumArea)
      expectClose(rows.map((row) => row.pCumCount), table.PCumCount, 1e-15)
      expectClose(rows.map((row) => row.pCumArea), table.PCumArea, 1e-15)
      expectClose(rows.map((row) => row.pai), table.PAI, 1e-15)
      expectClose(rows.map((row) => row.pei), table.PEI, 1e-15)
      expectClose(rows.map((row) => row.rri), table.RRI, 1e-15)
    })
  }

  it(`${manPage.name}: pai_summary at the top 1, 3 and 5 units`, () => {
    const summary = manPage.recomputed_pai_summary_at_thresholds_1_3_5
    if (!summary) throw new Error('vector file changed: the summary thresholds are missing')
    const { obs, pred, area } = manPage.inputs
    for (const [threshold, expected] of Object.entries(summary)) {
      const result = forecastAccuracy(obs, pred, { cells: Number(threshold) }, area)
      expect(result.capturedCount).toBe(expected.CumCount)
      expectClose([result.pai, result.pei, result.rri], [expected.PAI, expected.PEI, expected.RRI], 1e-15)
    }
  })
})

describe('ranking ties', () => {
  it('puts the unit with fewer observed incidents first among equal predictions, then input order', () => {
    expect(Array.from(rankByPrediction([7, 3, 3], [4, 4, 4]))).toEqual([1, 2, 0])
  })

  it('ranks by predicted density when areas differ', () => {
    // densities 10/5 = 2, 3/1 = 3, 4/4 = 1
    expect(Array.from(rankByPrediction([0, 0, 0], [10, 3, 4], [5, 1, 4]))).toEqual([1, 0, 2])
  })
})

describe('forecastAccuracy at a share of area', () => {
  // open_cp's hit-rate example: a 2 × 4 grid predicted 1..8, one incident in every cell.
  const predicted = [1, 2, 3, 4, 5, 6, 7, 8]
  const observed = [1, 1, 1, 1, 1, 1, 1, 1]

  it('selects whole cells, the smallest number reaching the share', () => {
    expect(forecastAccuracy(observed, predicted, { areaShare: 0.5 }).hitRate).toBe(0.5)
    // open_cp takes floor(8 × 0.49) = 3 cells here (3/8); we take ceil, 4 cells, and report the area actually used.
    const result = forecastAccuracy(observed, predicted, { areaShare: 0.49 })
    expect([result.cells, result.areaShare, result.hitRate]).toEqual([4, 0.5, 0.5])
    expect(forecastAccuracy(observed, predicted, { areaShare: 1 }).hitRate).toBe(1)
    expect(forecastAccuracy(observed, predicted, { areaShare: 0.01 }).cells).toBe(1)
    expect(forecastAccuracy(observed, predicted, { areaShare: 0 }).cells).toBe(0)
  })

  it('does not let floating-point noise in the share add a cell', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i)
    // 0.07 × 100 is 7.000000000000001 in floating point
    expect(forecastAccuracy(hundred, hundred, { areaShare: 0.07 }).cells).toBe(7)
  })

  it('reports PAI as hit rate over area share', () => {
    const result = forecastAccuracy([10, 0, 0, 0, 0, 5, 0, 5, 0, 0], [9, 1, 1, 1, 1, 8, 1, 1, 1, 1], { areaShare: 0.2 })
    // top two by prediction: cells 0 and 5 → 15 of 20 incidents in 20% of the area
    expect(result.hitRate).toBe(0.75)
    expect(result.pai).toBeCloseTo(3.75, 14)
    expect(result.pei).toBeCloseTo(1, 14)
    expect(result.rri).toBeCloseTo(17 / 15, 14)
  })

  it('answers null, not NaN, when there were no incidents', () => {
    const result = forecastAccuracy([0, 0, 0], [3, 2, 1], { cells: 1 })
    expect([result.hitRate, result.pai, result.pei, result.rri]).toEqual([null, null, null, null])
  })

  it('rejects malformed input', () => {
    expect(() => forecastAccuracy([1, 2], [1], { cells: 1 })).toThrow(/one entry per unit/)
    expect(() => forecastAccuracy([1, -2], [1, 1], { cells: 1 })).toThrow(/negative/)
    expect(() => forecastAccuracy([1, 2], [1, 1], { cells: 1 }, [1, 0])).toThrow(/positive/)
    expect(() => forecastAccuracy([1, 2], [1, 1], { areaShare: 1.5 })).toThrow(/areaShare/)
  })
})

describe('forecastAccuracyByPeriod', () => {
  it('predicts each period from the previous N periods and scores the top cells on it', () => {
    const counts = [
      [5, 0, 1, 0],
      [4, 1, 0, 0],
      [0, 6, 0, 1],
      [2, 2, 0, 4],
    ]
    const results = forecastAccuracyByPeriod(counts, 2, { cells: 1 })
    expect(results.map((result) => result.period)).toEqual([2, 3])
    // period 2: predicted 9,1,1,0 → cell 0 chosen, captures 0 of 7
    expect(results[0].hitRate).toBe(0)
    // period 3: predicted 4,7,0,1 → cell 1 chosen, captures 2 of 8
    expect(results[1].hitRate).toBe(0.25)
    expect(results[1].pai).toBe(1)
  })

  it('needs a lookback of at least one period', () => {
    expect(() => forecastAccuracyByPeriod([[1]], 0, { cells: 1 })).toThrow(/lookback/)
    expect(forecastAccuracyByPeriod([[1]], 3, { cells: 1 })).toEqual([])
  })
})
