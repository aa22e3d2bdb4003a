import { describe, expect, it } from 'vitest'
import { withPreviousCounts } from './previous-counts.js'

const previous = { cells: 'a,b,c', incidents: new Float64Array([3, 5, 7]), harm: new Float64Array([30, 50, 70]) }

describe('withPreviousCounts', () => {
  it('adds up each location\u2019s cells in the period before; a cell without incidents then counts 0', () => {
    const [first, second] = withPreviousCounts([{ cells: ['a', 'c'] }, { cells: ['d'] }], previous)
    expect(first.previous).toEqual({ incidents: 10, harm: 100 })
    expect(second.previous).toEqual({ incidents: 0, harm: 0 })
  })

  it('gives no figure when the period before is not comparable', () => {
    expect(withPreviousCounts([{ cells: ['a'] }], null)[0].previous).toBeNull()
  })
})
