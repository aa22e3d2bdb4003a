import { describe, expect, it } from 'vitest'
import { comparable, comparisonOf } from './comparison.js'

const DATA = ['2023-01', '2023-02', '2023-03', '2023-04', '2023-06']

describe('comparisonOf', () => {
  it('is the equal period just before, all of it with data', () => {
    const comparison = comparisonOf({ from: '2023-03', to: '2023-04' }, DATA)
    expect(comparison).toEqual({ period: { from: '2023-01', to: '2023-02' }, months: 2, monthsWithData: 2 })
    expect(comparable(comparison)).toBe(true)
  })

  it('has no months with data before the first month of the data, as for the whole data', () => {
    const comparison = comparisonOf({ from: '2023-01', to: '2023-06' }, DATA)
    expect(comparison).toEqual({ period: { from: '2022-07', to: '2022-12' }, months: 6, monthsWithData: 0 })
    expect(comparable(comparison)).toBe(false)
  })

  it('counts only the months with data when it starts before the data', () => {
    expect(comparisonOf({ from: '2023-03', to: '2023-05' }, DATA)).toMatchObject({ months: 3, monthsWithData: 2 })
  })

  it('does not count a month the data skips', () => {
    const comparison = comparisonOf({ from: '2023-06', to: '2023-06' }, DATA)
    expect(comparison).toEqual({ period: { from: '2023-05', to: '2023-05' }, months: 1, monthsWithData: 0 })
  })
})
