import { describe, expect, it } from 'vitest'
import { addDays, DEFAULT_REVIEW_DAYS, isOverdue } from './pop-rules.js'

describe('POP rules', () => {
  it('reviews four weeks on by default, across month and year ends', () => {
    expect(addDays('2025-01-15', DEFAULT_REVIEW_DAYS)).toBe('2025-02-12')
    expect(addDays('2024-12-20', DEFAULT_REVIEW_DAYS)).toBe('2025-01-17')
    expect(addDays('2024-02-10', DEFAULT_REVIEW_DAYS)).toBe('2024-03-09')
  })

  it('is overdue only when open and reviewed before today', () => {
    expect(isOverdue('open', '2025-03-01', '2025-03-02')).toBe(true)
    expect(isOverdue('open', '2025-03-02', '2025-03-02')).toBe(false)
    expect(isOverdue('closed', '2025-03-01', '2025-03-02')).toBe(false)
  })
})
