import { describe, expect, it } from 'vitest'
import { chooseControl, relativeTrend } from './control.js'

describe('relativeTrend', () => {
  it('is the least-squares slope per month over the monthly mean', () => {
    expect(relativeTrend([10, 20, 30])).toBeCloseTo(10 / 20, 12)
    expect(relativeTrend([30, 20, 10, 0])).toBeCloseTo(-10 / 15, 12)
  })
  it('is 0 under three months or with nothing counted', () => {
    expect(relativeTrend([5, 50])).toBe(0)
    expect(relativeTrend([0, 0, 0])).toBe(0)
  })
})

describe('chooseControl', () => {
  const target = [30, 25, 20] // 75 before, falling
  const candidates = new Map<string, number[]>([
    ['c-rising', [10, 20, 30]],
    ['b-falling', [24, 20, 16]], // 60, the target's trend (−20% a month)
    ['a-falling', [12, 10, 8]], // 30, the same trend
    ['d-huge', [300, 250, 200]], // same trend, ten times too busy
    ['e-flat', [20, 20, 20]],
    ['f-tiny', [3, 2, 1]], // under 10 incidents: no trend worth matching
  ])

  it('takes the cells whose trend is closest first, until the task area\u2019s count, never past 1.5 times it', () => {
    const choice = chooseControl(target, candidates)!
    // a and b and d share the trend; d alone is over 1.5 × 75; b (60, closer in count) comes before a (30), and a would
    // take the sum to 90 ≤ 112.5, reaching 75.
    expect(choice.cells).toEqual(['b-falling', 'a-falling'])
    expect(choice.before).toBe(90)
    expect(choice.trend).toBeCloseTo(choice.targetTrend, 12)
  })

  it('is deterministic whatever order the cells come in', () => {
    const reversed = new Map([...candidates].reverse())
    expect(chooseControl(target, reversed)).toEqual(chooseControl(target, candidates))
  })

  it('takes the one cell closest in count when every cell alone is too busy, and none when there is no candidate', () => {
    const choice = chooseControl([2, 1, 1], new Map([['x', [40, 40, 40]], ['y', [30, 30, 30]]]))!
    expect(choice.cells).toEqual(['y'])
    expect(chooseControl([5, 5, 5], new Map())).toBeNull()
    expect(chooseControl([5, 5, 5], new Map([['z', [0, 0, 0]]]))).toBeNull()
  })
})
