import { describe, expect, it } from 'vitest'
import { suggestKeyTimes } from './key-times.js'

/** A grid with counts only in the first `cells` hours of Monday (the rest 0), from a small seeded generator. */
function smallGrid(counts: number[]): number[][] {
  const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0))
  counts.forEach((count, at) => {
    grid[Math.floor(at / 24)][at % 24] = count
  })
  return grid
}

/** The fewest cells holding the share, by trying every subset (small grids only). */
function bruteForce(counts: number[], share: number): number {
  const total = counts.reduce((a, b) => a + b, 0)
  if (total === 0) return 0
  let best = Infinity
  for (let mask = 0; mask < 1 << counts.length; mask++) {
    let sum = 0
    let size = 0
    for (let at = 0; at < counts.length; at++) {
      if (mask & (1 << at)) {
        sum += counts[at]
        size += 1
      }
    }
    if (sum >= share * total - 1e-9 && size < best) best = size
  }
  return best
}

describe('the key-time suggestion', () => {
  it('takes as few hours as brute force does, on many small grids', () => {
    let seed = 7
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    for (let trial = 0; trial < 300; trial++) {
      const counts = Array.from({ length: 10 }, () => (next() < 0.3 ? 0 : Math.floor(next() * 9)))
      const share = [0.25, 0.5, 0.75, 0.9, 1][trial % 5]
      const suggestion = suggestKeyTimes(smallGrid(counts), share)
      expect(suggestion.hours, `${counts} at ${share}`).toBe(bruteForce(counts, share))
      expect(suggestion.covered).toBeGreaterThanOrEqual(share * suggestion.total - 1e-9)
      expect(suggestion.keyTimes.flat().filter(Boolean)).toHaveLength(suggestion.hours)
    }
  })

  it('keeps runs together among equal counts, across midnight too', () => {
    const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0))
    grid[4][23] = 5 // Friday 23:00
    grid[5][0] = 4 // Saturday 00:00, next to it
    grid[2][10] = 4 // Wednesday 10:00, as busy but alone
    const { keyTimes, hours, covered } = suggestKeyTimes(grid, 0.6)
    expect(hours).toBe(2)
    expect(covered).toBe(9)
    expect(keyTimes[5][0]).toBe(true)
    expect(keyTimes[2][10]).toBe(false)
  })

  it('suggests nothing for an empty grid', () => {
    expect(suggestKeyTimes(smallGrid([]), 0.5)).toMatchObject({ hours: 0, covered: 0, total: 0 })
  })
})
