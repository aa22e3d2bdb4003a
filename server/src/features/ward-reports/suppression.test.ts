import { describe, expect, it } from 'vitest'
import { SECONDARY_MARK, suppressBreakdown, suppressCount } from './suppression.js'

describe('suppressCount', () => {
  it('shows counts at or above the threshold and hides those below it, zero included', () => {
    expect([0, 1, 2, 3, 4, 250].map((value) => suppressCount(value, 3))).toEqual(['<3', '<3', '<3', 3, 4, 250])
  })

  it('follows the configured threshold', () => {
    expect([4, 5, 6].map((value) => suppressCount(value, 6))).toEqual(['<6', '<6', 6])
    expect([0, 1].map((value) => suppressCount(value, 1))).toEqual(['<1', 1])
  })
})

describe('suppressBreakdown', () => {
  it('hides the next smallest value when only one is below the threshold, so subtraction cannot reveal it', () => {
    expect(suppressBreakdown([40, 2, 7, 12], 3)).toEqual([40, '<3', SECONDARY_MARK, 12])
  })

  it('adds nothing when two or more values are already hidden', () => {
    expect(suppressBreakdown([40, 2, 1, 12], 3)).toEqual([40, '<3', '<3', 12])
  })

  it('adds nothing when nothing is hidden', () => {
    expect(suppressBreakdown([40, 3, 12], 3)).toEqual([40, 3, 12])
  })

  it('leaves a lone hidden value alone when there is nothing else to hide', () => {
    expect(suppressBreakdown([1], 3)).toEqual(['<3'])
  })

  it('picks the first of equal smallest values, so the answer is stable', () => {
    expect(suppressBreakdown([5, 0, 5], 3)).toEqual([SECONDARY_MARK, '<3', 5])
  })
})
