import { describe, expect, it } from 'vitest'
import { EMERGING_CATEGORIES, EMERGING_CATEGORY_LABELS } from '../hotspot-classes.js'
import { classifyEmerging, type PeriodGiStar } from './emerging.js'

const HOT: PeriodGiStar = { z: 3, p: 0.003 }
const COLD: PeriodGiStar = { z: -3, p: 0.003 }
const QUIET: PeriodGiStar = { z: 0.5, p: 0.62 }

/** A series from a pattern, oldest first: H = significant hot spot, C = significant cold spot, . = neither. */
function periods(pattern: string): PeriodGiStar[] {
  return [...pattern].map((symbol) => (symbol === 'H' ? HOT : symbol === 'C' ? COLD : QUIET))
}

/** Every period significant, with the given z-scores (the trend test sees exactly these). */
function significantWithZ(zs: number[]): PeriodGiStar[] {
  return zs.map((z) => ({ z, p: 0.001 }))
}

const rising = Array.from({ length: 10 }, (_, i) => 2 + i)
const falling = [...rising].reverse()

describe('classifyEmerging: one series per hot category', () => {
  it('none: never significant', () => {
    expect(classifyEmerging(periods('..........')).category).toBe('none')
  })

  it('new: hot in the final period and never significant before', () => {
    expect(classifyEmerging(periods('.........H')).category).toBe('new-hot')
  })

  it('consecutive: an unbroken run of at least two hot periods at the end, nothing significant before', () => {
    expect(classifyEmerging(periods('........HH')).category).toBe('consecutive-hot')
    const result = classifyEmerging(periods('.....HHHHH'))
    expect(result.category).toBe('consecutive-hot')
    expect(result.finalRun).toBe(5)
  })

  it('intensifying: hot in ≥ 90% of periods including the last, z rising significantly', () => {
    const result = classifyEmerging(significantWithZ(rising))
    expect(result.category).toBe('intensifying-hot')
    expect(result.trend.trend).toBe('increasing')
  })

  it('diminishing: hot in ≥ 90% of periods including the last, z falling significantly', () => {
    expect(classifyEmerging(significantWithZ(falling)).category).toBe('diminishing-hot')
  })

  it('persistent: hot in ≥ 90% of periods, no significant trend', () => {
    expect(classifyEmerging(periods('HHHHHHHHHH')).category).toBe('persistent-hot')
    expect(classifyEmerging(significantWithZ([3, 4, 3, 4, 3, 4, 3, 4, 3, 4])).category).toBe('persistent-hot')
  })

  it('sporadic: hot at the end, on and off before, under 90% hot, never cold', () => {
    expect(classifyEmerging(periods('H..H...H.H')).category).toBe('sporadic-hot')
  })

  it('oscillating: hot at the end, a cold spot in some earlier period, under 90% hot', () => {
    expect(classifyEmerging(periods('C....H...H')).category).toBe('oscillating-hot')
  })

  it('historical: not hot at the end, but hot in ≥ 90% of periods', () => {
    expect(classifyEmerging(periods('HHHHHHHHH.')).category).toBe('historical-hot')
  })
})

describe('classifyEmerging: the cold mirrors', () => {
  const cases: ReadonlyArray<readonly [string, PeriodGiStar[]]> = [
    ['new-cold', periods('.........C')],
    ['consecutive-cold', periods('.......CCC')],
    ['intensifying-cold', significantWithZ(rising.map((z) => -z))],
    ['diminishing-cold', significantWithZ(falling.map((z) => -z))],
    ['persistent-cold', periods('CCCCCCCCCC')],
    ['sporadic-cold', periods('C.C...C..C')],
    ['oscillating-cold', periods('..H.....CC')],
    ['historical-cold', periods('CCCCCCCCC.')],
  ]
  for (const [category, series] of cases) {
    it(category, () => {
      expect(classifyEmerging(series).category).toBe(category)
    })
  }
})

describe('classifyEmerging: boundaries', () => {
  it('applies the 90% rule exactly: 9 of 10 hot periods qualify, 8 do not', () => {
    expect(classifyEmerging(periods('H.HHHHHHHH')).category).toBe('persistent-hot')
    expect(classifyEmerging(periods('H..HHHHHHH')).category).toBe('sporadic-hot')
    expect(classifyEmerging(periods('..HHHHHHHH')).category).toBe('consecutive-hot')
  })

  it('applies the 90% rule exactly over 20 periods: 18 qualify, 17 do not', () => {
    expect(classifyEmerging(periods('H.HHHHHHHH.HHHHHHHHH')).category).toBe('persistent-hot')
    expect(classifyEmerging(periods('H.HHHH.HHH.HHHHHHHHH')).category).toBe('sporadic-hot')
  })

  it('needs every period hot when there are fewer than ten', () => {
    expect(classifyEmerging(periods('HHHHH')).category).toBe('persistent-hot')
    expect(classifyEmerging(periods('.HHHH')).category).toBe('consecutive-hot')
  })

  it('lets the final period decide between persistent, historical and none', () => {
    expect(classifyEmerging(periods('HHHHHHHHHH')).category).toBe('persistent-hot')
    expect(classifyEmerging(periods('HHHHHHHHH.')).category).toBe('historical-hot')
    expect(classifyEmerging(periods('HHHHHHHH..')).category).toBe('none')
    // A long-standing hot spot that turns cold in the final period is an oscillating cold spot.
    expect(classifyEmerging(periods('HHHHHHHHHC')).category).toBe('oscillating-cold')
  })

  it('calls a single final hot period new, and a cold-then-hot cell oscillating rather than new', () => {
    expect(classifyEmerging(periods('...H')).category).toBe('new-hot')
    expect(classifyEmerging(periods('C..H')).category).toBe('oscillating-hot')
    expect(classifyEmerging(periods('H..H')).category).toBe('sporadic-hot')
  })

  it('counts a period as significant at p ≤ alpha (default 0.10)', () => {
    const borderline: PeriodGiStar[] = [QUIET, QUIET, { z: 1.7, p: 0.09 }]
    expect(classifyEmerging(borderline).category).toBe('new-hot')
    expect(classifyEmerging(borderline, { alpha: 0.05 }).category).toBe('none')
  })

  it('takes per-period classes (e.g. decided on FDR-adjusted p) instead of p-values', () => {
    const result = classifyEmerging([
      { z: 0.2, hotspotClass: 'not-significant' },
      { z: 2.4, hotspotClass: 'hot-95' },
      { z: 2.9, hotspotClass: 'hot-99' },
    ])
    expect(result.category).toBe('consecutive-hot')
    expect([result.hotPeriods, result.coldPeriods, result.finalRun]).toEqual([2, 0, 2])
  })

  it('uses the trend significance level it is given', () => {
    // S = 19 over 10 values (with ties), Z ≈ 1.64, p ≈ 0.10: no trend at 0.05, a trend just above p.
    const zs = [3, 3.1, 3.2, 3.05, 3.3, 3.1, 3.2, 3.15, 3.25, 3.2]
    const result = classifyEmerging(significantWithZ(zs))
    expect(result.category).toBe('persistent-hot')
    expect(result.trend.p).toBeGreaterThan(0.05)
    expect(classifyEmerging(significantWithZ(zs), { trendAlpha: result.trend.p + 0.01 }).category).toBe('intensifying-hot')
  })

  it('handles an empty series', () => {
    expect(classifyEmerging([]).category).toBe('none')
  })
})

describe('emerging category names', () => {
  it('has eight hot, eight cold and none, each with a legend label', () => {
    expect(EMERGING_CATEGORIES.length).toBe(17)
    expect(EMERGING_CATEGORIES.filter((name) => name.endsWith('-hot')).length).toBe(8)
    expect(EMERGING_CATEGORIES.filter((name) => name.endsWith('-cold')).length).toBe(8)
    for (const name of EMERGING_CATEGORIES) expect(EMERGING_CATEGORY_LABELS[name].length).toBeGreaterThan(0)
  })
})
