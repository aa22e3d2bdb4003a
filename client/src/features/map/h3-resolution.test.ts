import { describe, expect, it } from 'vitest'
import { effectiveResolution, resolutionForZoom } from './h3-resolution'

describe('resolutionForZoom', () => {
  it('uses coarse cells when zoomed out and fine cells when zoomed in', () => {
    expect(resolutionForZoom(5)).toBe(6)
    expect(resolutionForZoom(9)).toBe(6)
    expect(resolutionForZoom(9.5)).toBe(7)
    // The whole force fitted to a laptop window.
    expect(resolutionForZoom(9.85)).toBe(8)
    expect(resolutionForZoom(10.5)).toBe(8)
    expect(resolutionForZoom(12)).toBe(9)
    expect(resolutionForZoom(14)).toBe(10)
    expect(resolutionForZoom(20)).toBe(10)
  })

  it('never gets coarser as zoom increases', () => {
    let previous = resolutionForZoom(0)
    for (let zoom = 0; zoom <= 22; zoom += 0.05) {
      const current = resolutionForZoom(zoom)
      expect(current).toBeGreaterThanOrEqual(previous)
      previous = current
    }
  })

  it('treats a non-finite zoom as fully zoomed out', () => {
    expect(resolutionForZoom(Number.NaN)).toBe(6)
  })
})

describe('effectiveResolution', () => {
  it('follows zoom only in auto mode', () => {
    expect(effectiveResolution('auto', 13.5)).toBe(10)
    expect(effectiveResolution(7, 13.5)).toBe(7)
  })
})
