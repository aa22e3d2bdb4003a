import { describe, expect, it } from 'vitest'
import { londonInputValue } from './ModerationPage'

describe('the correction form', () => {
  it('shows an instant as UK local time, summer and winter', () => {
    expect(londonInputValue('2025-07-01T20:30:00Z')).toBe('2025-07-01T21:30')
    expect(londonInputValue('2025-11-14T21:30:00Z')).toBe('2025-11-14T21:30')
    expect(londonInputValue('2025-10-26T00:30:00Z')).toBe('2025-10-26T01:30')
    expect(londonInputValue('2025-10-26T01:30:00Z')).toBe('2025-10-26T01:30')
  })
})
