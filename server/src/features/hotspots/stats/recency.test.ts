import { describe, expect, it } from 'vitest'
import { decayWeight, recencyWeightedScore, recentVersusEarlier } from './recency.js'

describe('decayWeight', () => {
  it('halves every half-life', () => {
    expect(decayWeight(0, 3)).toBe(1)
    expect(decayWeight(3, 3)).toBe(0.5)
    expect(decayWeight(6, 3)).toBe(0.25)
    expect(decayWeight(1, 2)).toBeCloseTo(Math.SQRT1_2, 15)
  })

  it('rejects a non-positive half-life and a negative age', () => {
    expect(() => decayWeight(1, 0)).toThrow(/half-life/)
    expect(() => decayWeight(-1, 6)).toThrow(/age/)
    expect(() => decayWeight(Number.NaN, 6)).toThrow(/age/)
  })
})

describe('recencyWeightedScore', () => {
  it('weights the latest period 1 and earlier ones by 0.5^(age / half-life)', () => {
    // half-life 1: ages 3, 2, 1, 0 → weights 1/8, 1/4, 1/2, 1
    expect(recencyWeightedScore([8, 4, 2, 1], 1)).toBe(1 + 1 + 1 + 1)
    expect(recencyWeightedScore([0, 0, 0, 5], 6)).toBe(5)
  })

  it('ranks a place with recent incidents above one with the same count long ago', () => {
    expect(recencyWeightedScore([0, 0, 0, 0, 0, 10], 3)).toBeGreaterThan(recencyWeightedScore([10, 0, 0, 0, 0, 0], 3))
  })

  it('is 0 for no periods', () => {
    expect(recencyWeightedScore([], 6)).toBe(0)
  })
})

describe('recentVersusEarlier', () => {
  it('compares the mean of the last R periods with the mean of the earlier ones', () => {
    // earlier: 2, 4, 6 → mean 4; recent: 9, 11 → mean 10
    expect(recentVersusEarlier([2, 4, 6, 9, 11], 2)).toEqual({
      recentPeriods: 2,
      earlierPeriods: 3,
      recentMean: 10,
      earlierMean: 4,
      difference: 6,
      ratio: 2.5,
    })
  })

  it('gives no ratio when there was nothing before, and no comparison when every period is recent', () => {
    expect(recentVersusEarlier([0, 0, 3], 1).ratio).toBeNull()
    expect(recentVersusEarlier([0, 0, 3], 1).difference).toBe(3)
    const allRecent = recentVersusEarlier([1, 2], 2)
    expect([allRecent.earlierMean, allRecent.difference, allRecent.ratio]).toEqual([null, null, null])
  })

  it('rejects a recent window that is empty, fractional or longer than the series', () => {
    expect(() => recentVersusEarlier([1, 2], 0)).toThrow(/recentPeriods/)
    expect(() => recentVersusEarlier([1, 2], 1.5)).toThrow(/recentPeriods/)
    expect(() => recentVersusEarlier([1, 2], 3)).toThrow(/recentPeriods/)
  })
})
