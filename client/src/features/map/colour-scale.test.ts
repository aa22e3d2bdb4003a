import { describe, expect, it } from 'vitest'
import { buildColourScale, CLASS_COUNT, logBreaks, maxCountOf, PALETTE } from './colour-scale'

describe('logBreaks', () => {
  it('follows the 1–2–5 sequence', () => {
    expect(logBreaks(1000).slice(0, 10)).toEqual([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000])
  })

  it('always reaches the requested value', () => {
    const breaks = logBreaks(123456)
    expect(breaks[breaks.length - 1]).toBeGreaterThanOrEqual(123456)
  })
})

describe('buildColourScale', () => {
  it('uses seven classes ending at the first break that covers the max', () => {
    const scale = buildColourScale(340)
    expect(scale.classes).toHaveLength(CLASS_COUNT)
    expect(scale.classes.map((entry) => entry.min)).toEqual([2, 5, 10, 20, 50, 100, 200])
    expect(scale.classes[CLASS_COUNT - 1].max).toBe(500)
    expect(scale.key).toBe('2,5,10,20,50,100,200,500')
  })

  it('keeps the low end anchored at 1 for small data', () => {
    for (const max of [0, 1, 3, 100]) {
      const scale = buildColourScale(max)
      expect(scale.classes.map((entry) => entry.min)).toEqual([1, 2, 5, 10, 20, 50, 100])
      expect(scale.classes[CLASS_COUNT - 1].max).toBe(200)
    }
  })

  it('treats a max exactly on a break as covered by that break', () => {
    expect(buildColourScale(1000).classes[CLASS_COUNT - 1].max).toBe(1000)
    expect(buildColourScale(1001).classes[CLASS_COUNT - 1].max).toBe(2000)
  })

  it('gives the same count the same colour whatever else is in view', () => {
    const scaleA = buildColourScale(150)
    const scaleB = buildColourScale(199)
    for (const count of [1, 2, 7, 33, 120, 150]) {
      expect(scaleA.colourFor(count)).toEqual(scaleB.colourFor(count))
    }
  })

  it('maps counts to classes by lower bound, with the extremes clamped', () => {
    const scale = buildColourScale(340)
    expect(scale.colourFor(1)).toEqual(PALETTE[0])
    expect(scale.colourFor(4)).toEqual(PALETTE[0])
    expect(scale.colourFor(5)).toEqual(PALETTE[1])
    expect(scale.colourFor(199)).toEqual(PALETTE[5])
    expect(scale.colourFor(200)).toEqual(PALETTE[6])
    expect(scale.colourFor(500)).toEqual(PALETTE[6])
    expect(scale.colourFor(99999)).toEqual(PALETTE[6])
  })

  it('labels classes as integer ranges', () => {
    const labels = buildColourScale(340).classes.map((entry) => entry.label)
    expect(labels).toEqual(['1–4', '5–9', '10–19', '20–49', '50–99', '100–199', '200–500'])
    expect(buildColourScale(3).classes[0].label).toBe('1')
  })

  it('formats large bounds with thousands separators', () => {
    const labels = buildColourScale(4000).classes.map((entry) => entry.label)
    expect(labels[labels.length - 1]).toBe('2,000–5,000')
  })
})

describe('maxCountOf', () => {
  it('returns 0 for no cells', () => {
    expect(maxCountOf([])).toBe(0)
    expect(maxCountOf([{ count: 3 }, { count: 9 }, { count: 1 }])).toBe(9)
  })
})
