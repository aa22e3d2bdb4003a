import { describe, expect, it } from 'vitest'
import { coveredWeight, greedyCover } from './greedy-cover.js'

/** The best `count` candidates by trying every combination. */
function bruteForce(candidates: number[][], weights: Float64Array, count: number): number {
  let best = 0
  const walk = (start: number, chosen: number[]) => {
    if (chosen.length === count || start === candidates.length) {
      best = Math.max(best, coveredWeight(candidates, weights, chosen))
      return
    }
    for (let index = start; index < candidates.length; index++) walk(index + 1, [...chosen, index])
  }
  walk(0, [])
  return best
}

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed
  return () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32
    return state / 2 ** 32
  }
}

function instance(seed: number, candidateCount: number, pointCount: number, maxSize: number) {
  const next = random(seed)
  const weights = Float64Array.from({ length: pointCount }, () => Math.round(next() * 100) / 10)
  const candidates = Array.from({ length: candidateCount }, () => Array.from({ length: 1 + Math.floor(next() * maxSize) }, () => Math.floor(next() * pointCount)))
  return { weights, candidates }
}

describe('greedy maximal covering', () => {
  it('each pick\u2019s gain is what it adds, and they sum to the weight covered', () => {
    const weights = Float64Array.from([5, 3, 2, 2, 1])
    const { picks, gains } = greedyCover([[0, 1], [1, 2, 3], [4], [0]], weights, 3)
    expect(picks).toEqual([0, 1, 2])
    expect(gains).toEqual([8, 4, 1])
    expect(gains.reduce((a, b) => a + b, 0)).toBe(coveredWeight([[0, 1], [1, 2, 3], [4], [0]], weights, picks))
  })

  it('stops when nothing more can be covered', () => {
    expect(greedyCover([[0], [0], [1]], Float64Array.from([1, 0]), 3)).toEqual({ picks: [0], gains: [1] })
  })

  it('equals brute force where greedy is provably optimal: one pick, and disjoint candidates', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { weights, candidates } = instance(seed, 9, 20, 6)
      expect(coveredWeight(candidates, weights, greedyCover(candidates, weights, 1).picks)).toBeCloseTo(bruteForce(candidates, weights, 1), 9)
      const disjoint = Array.from({ length: 8 }, (_, index) => [index * 2, index * 2 + 1])
      for (const count of [2, 3, 4]) {
        expect(coveredWeight(disjoint, weights, greedyCover(disjoint, weights, count).picks)).toBeCloseTo(bruteForce(disjoint, weights, count), 9)
      }
    }
  })

  it('never falls below (1 − 1/e) of the optimum on 200 random small cases', () => {
    let belowOptimum = 0
    for (let seed = 1; seed <= 200; seed++) {
      const { weights, candidates } = instance(seed, 10, 18, 7)
      const count = 2 + (seed % 3)
      const greedy = coveredWeight(candidates, weights, greedyCover(candidates, weights, count).picks)
      const best = bruteForce(candidates, weights, count)
      expect(greedy, `seed ${seed}`).toBeGreaterThanOrEqual((1 - 1 / Math.E) * best - 1e-9)
      expect(greedy).toBeLessThanOrEqual(best + 1e-9)
      if (greedy < best - 1e-9) belowOptimum += 1
    }
    // Sanity: the cases are not all ones greedy solves exactly.
    expect(belowOptimum).toBeGreaterThan(0)
  })

  it('a known case where greedy is not optimal, still within the bound', () => {
    // Greedy takes the big middle set first; the two halves together cover more.
    const weights = Float64Array.from([1, 1, 1, 1, 1, 1, 1])
    const candidates = [[0, 1, 2, 3], [0, 1, 4], [2, 3, 5, 6]]
    const greedy = coveredWeight(candidates, weights, greedyCover(candidates, weights, 2).picks)
    expect(bruteForce(candidates, weights, 2)).toBe(7)
    expect(greedy).toBe(6)
    expect(greedy).toBeGreaterThanOrEqual((1 - 1 / Math.E) * 7)
  })
})
