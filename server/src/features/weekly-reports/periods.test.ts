import { describe, expect, it } from 'vitest'
import { isIsoWeek, lastCompleteWeek, londonDate, periodDates, periodLabel, shiftPeriod, weekOfDate, weekStart } from './periods.js'

describe('ISO weeks', () => {
  it('puts dates in the week of their Thursday, across year ends', () => {
    expect(weekOfDate('2026-12-03')).toBe('2026-W49')
    expect(weekOfDate('2021-01-03')).toBe('2020-W53') // Sunday of 2020's 53rd week
    expect(weekOfDate('2024-12-30')).toBe('2025-W01')
    expect(weekOfDate('2026-01-01')).toBe('2026-W01')
  })
  it('starts each week on its Monday', () => {
    expect(weekStart('2026-W49')).toBe('2026-11-30')
    expect(weekStart('2025-W01')).toBe('2024-12-30')
    expect(weekStart('2020-W53')).toBe('2020-12-28')
  })
  it('knows which years have a 53rd week', () => {
    expect(isIsoWeek('2020-W53')).toBe(true)
    expect(isIsoWeek('2025-W53')).toBe(false)
    expect(isIsoWeek('2026-W00')).toBe(false)
    expect(isIsoWeek('2026-11')).toBe(false)
  })
  it('shifts weeks and months, and gives their dates', () => {
    expect(shiftPeriod('2025-W01', -1)).toBe('2024-W52')
    expect(shiftPeriod('2020-W53', 1)).toBe('2021-W01')
    expect(shiftPeriod('2025-01', -1)).toBe('2024-12')
    expect(periodDates('2026-W49')).toEqual({ start: '2026-11-30', end: '2026-12-07' })
    expect(periodDates('2024-02')).toEqual({ start: '2024-02-01', end: '2024-03-01' })
  })
  it('reports the last complete week, and labels periods for a lay reader', () => {
    expect(lastCompleteWeek('2026-12-03')).toBe('2026-W48')
    expect(lastCompleteWeek('2026-11-30')).toBe('2026-W48')
    expect(periodLabel('2026-W48')).toBe('23 Nov 2026 to 29 Nov 2026 (2026-W48)')
    expect(periodLabel('2025-11')).toBe('Nov 2025')
    expect(londonDate(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01')
  })
})
