import { describe, expect, it } from 'vitest'
import { wholeWeeks } from './timed-weeks.js'

describe('wholeWeeks', () => {
  it('takes the whole Monday-to-Sunday weeks inside both the period and the data', () => {
    // 1 January 2025 was a Wednesday and 31 March 2025 a Monday: 6 January to 30 March, twelve weeks.
    const weeks = wholeWeeks({ from: '2025-01', to: '2025-03' }, '2024-12-01', '2025-11-30')
    expect(weeks[0]).toBe('2025-01-06')
    expect(weeks.at(-1)).toBe('2025-03-24')
    expect(weeks).toHaveLength(12)
  })

  it('starts and ends with the data when it is inside the period, keeping a week that starts or ends on its edge', () => {
    expect(wholeWeeks({ from: '2024-01', to: '2024-12' }, '2024-03-04', '2024-03-24')).toEqual(['2024-03-04', '2024-03-11', '2024-03-18'])
    expect(wholeWeeks({ from: '2024-01', to: '2024-12' }, '2024-03-05', '2024-03-23')).toEqual(['2024-03-11'])
  })

  it('crosses the clock changes and the year end as days, not hours', () => {
    expect(wholeWeeks({ from: '2024-10', to: '2025-01' }, '2024-10-21', '2025-01-12')).toHaveLength(12)
  })

  it('is empty when no whole week fits', () => {
    expect(wholeWeeks({ from: '2024-03', to: '2024-03' }, '2024-03-05', '2024-03-10')).toEqual([])
    expect(wholeWeeks({ from: '2024-03', to: '2024-03' }, '2024-04-01', '2024-04-30')).toEqual([])
  })
})
