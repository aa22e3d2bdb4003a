import { describe, expect, it } from 'vitest'
import type { BadRequest } from '../../lib/errors.js'
import { periodInData } from './period-in-data.js'

const span = { from: '2023-01', to: '2025-11' }

function refusal(asked: { from?: string; to?: string }): BadRequest {
  try {
    periodInData(span, asked)
  } catch (error) {
    return error as BadRequest
  }
  throw new Error('not refused')
}

describe('periodInData', () => {
  it('takes the data\u2019s span for open ends, as open query bounds', () => {
    expect(periodInData(span, {})).toEqual({ period: span, from: null, to: null })
    expect(periodInData(span, { from: '2024-02' })).toEqual({ period: { from: '2024-02', to: '2025-11' }, from: '2024-02', to: null })
    expect(periodInData(span, { to: '2024-02' })).toEqual({ period: { from: '2023-01', to: '2024-02' }, from: null, to: '2024-02' })
  })

  it('clamps a period reaching past the data to the data', () => {
    expect(periodInData(span, { from: '0001-01', to: '9999-12' })).toEqual({ period: span, from: null, to: null })
    expect(periodInData(span, { from: '1990-01', to: '2024-06' })).toEqual({ period: { from: '2023-01', to: '2024-06' }, from: null, to: '2024-06' })
    expect(periodInData(span, { from: '2023-01', to: '2025-11' }).period).toEqual(span)
  })

  it('refuses a period wholly outside the data, naming the end at fault', () => {
    expect(refusal({ from: '2025-12' }).parameter).toBe('from')
    expect(refusal({ from: '2026-01', to: '2030-12' }).parameter).toBe('from')
    expect(refusal({ to: '2022-12' }).parameter).toBe('to')
    expect(refusal({ from: '1990-01', to: '2022-12' }).message).toBe('to: 2022-12 is before the first month of the data (the data runs from 2023-01 to 2025-11)')
  })

  it('refuses from after to, and uses no period without data', () => {
    expect(refusal({ from: '2024-03', to: '2024-01' }).parameter).toBe('from')
    expect(periodInData(null, { from: '0001-01', to: '9999-12' })).toEqual({ period: null, from: null, to: null })
  })
})
