import { describe, expect, it } from 'vitest'
import { HOTSPOT_CLASSES, HOTSPOT_CLASS_LABELS } from '../hotspot-classes.js'
import { classifyHotspot, classifyHotspots, bhRejectionCutoff, hotspotSign } from './hotspot-class.js'

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

describe('bhRejectionCutoff', () => {
  const significant = (p: number[], alpha: number) => {
    const cutoff = bhRejectionCutoff(p, alpha)
    return p.map((value) => value <= cutoff)
  }

  it('rejects what the BH-adjusted p-values reject, on the small example', () => {
    const p = [0.0014, 0.036, 0.089, 0.007, 0.69]
    // Adjusted: 0.007, 0.06, 0.11125, 0.0175, 0.69.
    expect(significant(p, 0.1)).toEqual([true, true, false, true, false])
    expect(significant(p, 0.01)).toEqual([true, false, false, false, false])
    expect(bhRejectionCutoff([0.5, 0.9], 0.1)).toBe(-1)
  })

  it('agrees with classifyHotspots on BH at every level, on thousands of p-values with ties and values at each level', () => {
    let seed = 7
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    for (const [m, smallShare] of [[6616, 0.05], [6616, 0.3], [500, 0.9], [1, 1]] as const) {
      const z: number[] = []
      const p: number[] = []
      for (let i = 0; i < m; i++) {
        // Small p-values often enough to reject; rounded so that ties occur; some exactly at 0.01, 0.05, 0.10.
        const raw = random() < smallShare ? random() * 0.02 : random()
        p.push(i % 97 === 0 ? [0.01, 0.05, 0.1][i % 3] : Math.round(raw * 2000) / 2000)
        z.push(random() < 0.5 ? -2 : 2)
      }
      const adjusted = classifyHotspots(z, p, { fdr: 'bh' }).p
      for (const alpha of [0.01, 0.05, 0.1]) {
        const expected = Array.from(adjusted, (value) => value <= alpha)
        expect(significant(p, alpha)).toEqual(expected)
        if (m > 1) expect(expected.filter(Boolean).length).toBeGreaterThan(0)
      }
    }
  })

  it('rejects a p-value outside [0, 1]', () => {
    expect(() => bhRejectionCutoff([1.5], 0.1)).toThrow(/not in \[0, 1\]/)
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
