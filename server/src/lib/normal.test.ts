/* eslint-disable no-loss-of-precision -- mpmath's 17 significant digits are kept as printed; each parses to the nearest double. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { normalCdf, normalQuantile, normalSf, twoSidedCriticalValue, twoSidedP } from './normal.js'

// Φ(x) and 1 − Φ(x) to 17 significant digits, computed with mpmath 1.3.0 at 50 decimal digits (mpmath.ncdf).
const TABLE: ReadonlyArray<readonly [x: number, cdf: number, sf: number]> = [
  [-8, 6.2209605742717841e-16, 0.99999999999999938],
  [-5, 2.8665157187919391e-7, 0.99999971334842812],
  [-3, 0.0013498980316300945, 0.99865010196836991],
  [-1.96, 0.024997895148220436, 0.97500210485177956],
  [-1, 0.15865525393145705, 0.84134474606854295],
  [-0.5, 0.3085375387259869, 0.6914624612740131],
  [0, 0.5, 0.5],
  [0.3, 0.61791142218895263, 0.38208857781104737],
  [1, 0.84134474606854295, 0.15865525393145705],
  [1.96, 0.97500210485177956, 0.024997895148220436],
  [3, 0.99865010196836991, 0.0013498980316300945],
  [5, 0.99999971334842812, 2.8665157187919391e-7],
  [6, 0.99999999901341235, 9.8658764503769814e-10],
  [8, 0.99999999999999938, 6.2209605742717841e-16],
]
// Upper tail only, where Φ rounds to 1: relative accuracy is what matters there.
const FAR_TAIL: ReadonlyArray<readonly [x: number, sf: number]> = [
  [10, 7.6198530241605261e-24],
  [20, 2.7536241186062337e-89],
  [37, 5.7255712225245768e-300],
]

describe('normalCdf and normalSf', () => {
  it('gives Φ(1.96) = 0.9750021048517795 to within one unit in the last place', () => {
    // The exact value 0.97500210485177956… lies close to halfway between two doubles; we land on the farther one.
    expect(Math.abs(normalCdf(1.96) - 0.9750021048517795)).toBeLessThanOrEqual(Number.EPSILON)
  })

  it('is within 2e-16 absolute of 50-digit values for |x| ≤ 8', () => {
    for (const [x, cdf, sf] of TABLE) {
      expect(Math.abs(normalCdf(x) - cdf), `Φ(${x})`).toBeLessThanOrEqual(2e-16)
      expect(Math.abs(normalSf(x) - sf), `1 − Φ(${x})`).toBeLessThanOrEqual(2e-16)
    }
  })

  it('keeps 1e-14 relative accuracy in both small tails', () => {
    for (const [x, cdf, sf] of TABLE) {
      const small = x < 0 ? cdf : sf
      const computed = x < 0 ? normalCdf(x) : normalSf(x)
      expect(Math.abs(computed - small) / small, `tail at ${x}`).toBeLessThanOrEqual(1e-14)
    }
    for (const [x, sf] of FAR_TAIL) {
      expect(Math.abs(normalSf(x) - sf) / sf, `1 − Φ(${x})`).toBeLessThanOrEqual(1e-14)
      expect(Math.abs(normalCdf(-x) - sf) / sf, `Φ(${-x})`).toBeLessThanOrEqual(1e-14)
    }
  })

  it('is symmetric and monotone', () => {
    let previous = 0
    for (let x = -9; x <= 9; x += 0.01) {
      expect(normalCdf(x)).toBe(normalSf(-x))
      expect(normalCdf(x)).toBeGreaterThanOrEqual(previous)
      previous = normalCdf(x)
    }
  })

  it('saturates cleanly and passes NaN through', () => {
    expect(normalSf(40)).toBe(0)
    expect(normalCdf(40)).toBe(1)
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0)
    expect(normalSf(Number.NEGATIVE_INFINITY)).toBe(1)
    expect(normalCdf(Number.NaN)).toBeNaN()
  })
})

describe('twoSidedP', () => {
  it('reproduces the two-sided p-values of the Gi* vector file from its z-scores', () => {
    const vectors = JSON.parse(
      readFileSync(new URL('../../../tests/reference/gistar_esda.json', import.meta.url), 'utf8'),
    ) as { expected: { local: Record<string, { recomputed: { Zs: number[]; p_two_sided: number[] } }> } }
    for (const variant of Object.values(vectors.expected.local)) {
      variant.recomputed.Zs.forEach((z, i) => {
        expect(Math.abs(twoSidedP(z) - variant.recomputed.p_two_sided[i])).toBeLessThanOrEqual(2e-16)
      })
    }
  })

  it('reproduces the Mann–Kendall vector file\'s p from its Z', () => {
    const vectors = JSON.parse(
      readFileSync(new URL('../../../tests/reference/mann_kendall.json', import.meta.url), 'utf8'),
    ) as { expected: { original_test: { z: number; p: number } } }
    const { z, p } = vectors.expected.original_test
    expect(Math.abs(twoSidedP(z) - p)).toBeLessThanOrEqual(2e-16)
  })

  it('is 1 at z = 0 and never above 1', () => {
    expect(twoSidedP(0)).toBe(1)
    expect(twoSidedP(1e-20)).toBe(1)
  })
})

describe('normalQuantile', () => {
  it('gives the usual critical values to within 2 ulp', () => {
    // 50-digit values from mpmath: sqrt(2)·erfinv(2p − 1).
    const cases: ReadonlyArray<readonly [p: number, z: number]> = [
      [0.9, 1.2815515655446006],
      [0.95, 1.6448536269514723],
      [0.975, 1.9599639845400539],
      [0.995, 2.5758293035489005],
      [1e-10, -6.3613409024040562],
    ]
    for (const [p, z] of cases) {
      expect(Math.abs(normalQuantile(p) - z) / Math.abs(z), `Φ⁻¹(${p})`).toBeLessThanOrEqual(4.5e-16)
    }
    expect(normalQuantile(0.5)).toBe(0)
  })

  it('inverts normalCdf across the range', () => {
    for (let x = -8; x <= 8; x += 0.05) {
      const p = normalCdf(x)
      if (p > 0.999) continue // 1 − p loses digits there; checked through the lower tail instead
      expect(normalQuantile(p)).toBeCloseTo(x, 12)
    }
  })

  it('gives two-sided critical values for the 90/95/99% levels', () => {
    expect(twoSidedCriticalValue(0.1)).toBeCloseTo(1.6448536269514722, 14)
    expect(twoSidedCriticalValue(0.05)).toBeCloseTo(1.959963984540054, 14)
    expect(twoSidedCriticalValue(0.01)).toBeCloseTo(2.5758293035489004, 14)
  })

  it('handles the ends of [0, 1] and rejects values outside it', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY)
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY)
    expect(normalQuantile(1.5)).toBeNaN()
    expect(normalQuantile(-0.1)).toBeNaN()
  })
})
