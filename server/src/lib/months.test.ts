import { describe, expect, it } from 'vitest'
import { formatMonth, isMonth, londonMonthOf, londonMonthOfEpoch, monthsOf, nextMonth, previousPeriod, shiftMonth } from './months.js'

describe('months', () => {
  it('validates YYYY-MM', () => {
    expect(isMonth('2024-01')).toBe(true)
    expect(isMonth('2024-13')).toBe(false)
    expect(isMonth('2024-1')).toBe(false)
    expect(isMonth(null)).toBe(false)
  })

  it('lists months inclusively across a year boundary', () => {
    expect(monthsOf('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02'])
    expect(monthsOf('2023-01', '2025-11')).toHaveLength(35)
    expect(monthsOf('2024-05', '2024-05')).toEqual(['2024-05'])
  })

  it('returns nothing for reversed or malformed ranges', () => {
    expect(monthsOf('2024-02', '2024-01')).toEqual([])
    expect(monthsOf('nope', '2024-01')).toEqual([])
  })

  it('shifts by months either way, across years', () => {
    expect(shiftMonth('2024-01', -1)).toBe('2023-12')
    expect(shiftMonth('2024-11', 14)).toBe('2026-01')
    expect(shiftMonth('2024-03', -11)).toBe('2023-04')
    expect(nextMonth('2024-12')).toBe('2025-01')
    expect(nextMonth('1999-09')).toBe('1999-10')
  })

  it('gives the equal period just before a period', () => {
    expect(previousPeriod('2024-03', '2024-03')).toEqual({ from: '2024-02', to: '2024-02' })
    expect(previousPeriod('2024-01', '2024-06')).toEqual({ from: '2023-07', to: '2023-12' })
  })

  it('finds the UK month of an instant, British Summer Time included', () => {
    // 23:30 UTC on 31 May is 00:30 on 1 June in London.
    expect(londonMonthOf(new Date('2024-05-31T23:30:00Z'))).toBe('2024-06')
    // 23:30 UTC on 31 December is still December in London (GMT).
    expect(londonMonthOf(new Date('2024-12-31T23:30:00Z'))).toBe('2024-12')
    const monthOf = londonMonthOfEpoch()
    expect(monthOf(Date.parse('2024-05-31T23:00:00Z') / 1000)).toBe('2024-06')
    expect(monthOf(Date.parse('2024-05-31T22:59:59Z') / 1000)).toBe('2024-05')
  })

  it('formats a month for display', () => {
    expect(formatMonth('2024-03')).toBe('Mar 2024')
    expect(formatMonth('not a month')).toBe('not a month')
  })
})
