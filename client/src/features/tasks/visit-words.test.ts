import { describe, expect, it } from 'vitest'
import { describeActions, describeVisitTime } from './visit-words'

describe('a visit in words', () => {
  it('names each action done with its count, singular or plural, in the form’s order', () => {
    expect(describeActions({ engagements: 3, warnings: 0, cpw: 1, cpn: 0, fpn: 0, dispersals: 0, section27: 0, referrals: 2, other: 0 })).toBe(
      '3 engagements, 1 Community Protection Warning, 2 referrals',
    )
    expect(describeActions({ engagements: 0, warnings: 0 })).toBe('no actions recorded')
  })

  it('gives the day, start and length', () => {
    expect(describeVisitTime({ date: '2024-12-03', startTime: '19:30', minutes: 15 })).toBe('Tue 3 Dec 2024, 19:30 for 15 minutes')
    expect(describeVisitTime({ date: '2024-12-03', startTime: '07:05', minutes: 1 })).toBe('Tue 3 Dec 2024, 07:05 for 1 minute')
  })
})
