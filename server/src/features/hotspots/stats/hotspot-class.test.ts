import { describe, expect, it } from 'vitest'
import { HOTSPOT_CLASSES, HOTSPOT_CLASS_LABELS, classifyHotspot, classifyHotspots, hotspotSign } from './hotspot-class.js'

describe('classifyHotspot', () => {
  it('bins hot spots at 99/95/90% by p, inclusive at each boundary', () => {
    expect(classifyHotspot(3, 0.001)).toBe('hot-99')
    expect(classifyHotspot(3, 0.01)).toBe('hot-99')
    expect(classifyHotspot(2, 0.0100001)).toBe('hot-95')
    expect(classifyHotspot(2, 0.05)).toBe('hot-95')
    expect(classifyHotspot(1.7, 0.06)).toBe('hot-90')
    expect(classifyHotspot(1.7, 0.1)).toBe('hot-90')
    expect(classifyHotspot(1.6, 0.1000001)).toBe('not-significant')
  })

  it('mirrors the bins for cold spots', () => {
    expect(classifyHotspot(-3, 0.005)).toBe('cold-99')
    expect(classifyHotspot(-2, 0.03)).toBe('cold-95')
    expect(classifyHotspot(-1.7, 0.09)).toBe('cold-90')
    expect(classifyHotspot(-1, 0.3)).toBe('not-significant')
  })

  it('never calls z = 0 or NaN significant', () => {
    expect(classifyHotspot(0, 0)).toBe('not-significant')
    expect(classifyHotspot(Number.NaN, 0.001)).toBe('not-significant')
    expect(classifyHotspot(3, Number.NaN)).toBe('not-significant')
  })
})

describe('classifyHotspots', () => {
  const z = [3.2, 2.1, 1.7, -2.7, 0.4]
  const p = [0.0014, 0.036, 0.089, 0.007, 0.69]

  it('classifies on the raw p-values by default', () => {
    expect(classifyHotspots(z, p).classes).toEqual(['hot-99', 'hot-95', 'hot-90', 'cold-99', 'not-significant'])
  })

  it('classifies on Benjamini–Hochberg adjusted p-values when asked', () => {
    // m = 5; sorted p: 0.0014, 0.007, 0.036, 0.089, 0.69 → adjusted 0.007, 0.0175, 0.06, 0.11125, 0.69
    const result = classifyHotspots(z, p, { fdr: 'bh' })
    expect(result.classes).toEqual(['hot-99', 'hot-90', 'not-significant', 'cold-95', 'not-significant'])
    expect(result.p[2]).toBeCloseTo(0.11125, 15)
  })

  it('rejects arrays of different lengths', () => {
    expect(() => classifyHotspots([1, 2], [0.1])).toThrow(/z-scores/)
  })
})

describe('class names', () => {
  it('lists every class once, hottest first, each with a legend label', () => {
    expect(new Set(HOTSPOT_CLASSES).size).toBe(7)
    expect(HOTSPOT_CLASSES[0]).toBe('hot-99')
    expect(HOTSPOT_CLASSES[6]).toBe('cold-99')
    for (const name of HOTSPOT_CLASSES) expect(HOTSPOT_CLASS_LABELS[name]).toMatch(/spot|Not significant/)
  })

  it('gives each class its sign', () => {
    expect(HOTSPOT_CLASSES.map(hotspotSign)).toEqual([1, 1, 1, 0, -1, -1, -1])
  })
})
