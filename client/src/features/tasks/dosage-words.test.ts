import { describe, expect, it } from 'vitest'
import { deliveredShare, describeDosage, describeTarget } from './dosage-words'

describe('describeDosage', () => {
  it('says delivered against target for the week', () => {
    expect(describeDosage({ visitsPerWeek: 3, minutesPerVisit: 15 }, { visits: 2, minutes: 30 })).toBe('2 of 3 visits, 30 of 45 minutes this week')
  })

  it('keeps the singular right', () => {
    expect(describeDosage({ visitsPerWeek: 1, minutesPerVisit: 1 }, { visits: 0, minutes: 0 })).toBe('0 of 1 visit, 0 of 1 minute this week')
  })

  it('says when no visits were asked for', () => {
    expect(describeDosage({ visitsPerWeek: 0, minutesPerVisit: 15 }, { visits: 1, minutes: 15 })).toBe('no target; 1 visit, 15 minutes this week')
  })
})

describe('describeTarget', () => {
  it('reads visits a week × minutes', () => {
    expect(describeTarget({ visitsPerWeek: 3, minutesPerVisit: 15 })).toBe('3 visits a week × 15 minutes')
  })
})

describe('deliveredShare', () => {
  it('takes the lesser of visits and minutes, capped at 1', () => {
    expect(deliveredShare({ visitShare: 1 / 3, minuteShare: 1 })).toBeCloseTo(1 / 3)
    expect(deliveredShare({ visitShare: 2, minuteShare: 1.5 })).toBe(1)
  })

  it('is null when nothing was asked for', () => {
    expect(deliveredShare({ visitShare: null, minuteShare: null })).toBeNull()
  })
})
