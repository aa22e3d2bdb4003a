import { describe, expect, it } from 'vitest'
import { clampRange } from './month-range'

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
