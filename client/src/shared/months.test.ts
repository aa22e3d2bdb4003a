import { describe, expect, it } from 'vitest'
import { clampRange, formatMonth, isMonth, monthsBetween } from './months'

describe('months', () => {
  it('validates YYYY-MM', () => {
    expect(isMonth('2024-01')).toBe(true)
    expect(isMonth('2024-13')).toBe(false)
    expect(isMonth('2024-1')).toBe(false)
    expect(isMonth(null)).toBe(false)
  })

  it('lists months inclusively across a year boundary', () => {
    expect(monthsBetween('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02'])
    expect(monthsBetween('2023-01', '2025-11')).toHaveLength(35)
  })

  it('returns nothing for reversed or malformed ranges', () => {
    expect(monthsBetween('2024-02', '2024-01')).toEqual([])
    expect(monthsBetween('nope', '2024-01')).toEqual([])
  })

  it('formats a month for display', () => {
    expect(formatMonth('2024-03')).toBe('Mar 2024')
  })
})

describe('clampRange', () => {
  const period = { from: '2023-01', to: '2025-11' }

  it('keeps a range inside the data span', () => {
    expect(clampRange('2024-01', '2024-03', period)).toEqual({ from: '2024-01', to: '2024-03' })
  })

  it('drops ends outside the span', () => {
    expect(clampRange('2019-01', '2030-01', period)).toEqual({ from: null, to: null })
    expect(clampRange('2019-01', '2024-03', period)).toEqual({ from: null, to: '2024-03' })
  })

  it('leaves everything alone until the span is known', () => {
    expect(clampRange('2019-01', null, null)).toEqual({ from: '2019-01', to: null })
  })
})
