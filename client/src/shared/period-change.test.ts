import { describe, expect, it } from 'vitest'
import { comparisonGap, comparisonMonths, describeChange, formatPercentChange, type Comparison } from './period-change'

const threeMonths: Comparison = { period: { from: '2025-06', to: '2025-08' }, months: 3, monthsWithData: 3 }
const oneMonth: Comparison = { period: { from: '2025-08', to: '2025-08' }, months: 1, monthsWithData: 1 }

describe('describeChange', () => {
  it('gives the change as a whole percentage on the period before', () => {
    expect(describeChange(1204, 1115, threeMonths)).toBe('+8% on the 3 months before')
    expect(describeChange(95, 100, oneMonth)).toBe('−5% on the month before')
    expect(describeChange(100, 100, oneMonth)).toBe('the same as the month before')
  })

  it('says when there was nothing before rather than an infinite rise', () => {
    expect(describeChange(12, 0, oneMonth)).toBe('none in the month before')
    expect(describeChange(0, 0, threeMonths)).toBe('none in the 3 months before either')
  })

  it('never compares with a period without data', () => {
    const before = { ...threeMonths, monthsWithData: 0 }
    expect(describeChange(1204, null, before)).toBe('no earlier data')
    expect(describeChange(1204, null, { ...threeMonths, monthsWithData: 1 })).toBe('earlier data covers only 1 of 3 months')
    expect(describeChange(1204, null, null)).toBe('no earlier data')
    // A figure for a period the data does not wholly cover is not used, whoever sent it.
    expect(describeChange(1204, 300, { ...threeMonths, monthsWithData: 1 })).toBe('earlier data covers only 1 of 3 months')
  })
})

describe('the parts', () => {
  it('names the months compared with', () => {
    expect(comparisonMonths(threeMonths)).toBe('Jun 2025 – Aug 2025')
    expect(comparisonMonths(oneMonth)).toBe('Aug 2025')
  })

  it('knows a comparable period', () => {
    expect(comparisonGap(threeMonths)).toBeNull()
  })

  it('rounds the percentage', () => {
    expect(formatPercentChange(275, 245)).toBe('+12%')
    expect(formatPercentChange(180, 200)).toBe('−10%')
    expect(formatPercentChange(5, 0)).toBeNull()
  })
})
