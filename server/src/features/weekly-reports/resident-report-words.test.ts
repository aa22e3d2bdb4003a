import { describe, expect, it } from 'vitest'
import { residentReportWords } from './build-report.js'

describe('resident reports in a weekly report', () => {
  it('hides a total under the threshold, and the statuses when any would be under it', () => {
    expect(residentReportWords([], 3, 'week')).toBe('No resident reports were sent from this ward this week')
    expect(residentReportWords([{ status: 'new', reports: 2 }], 3, 'week')).toBe('Fewer than 3 resident reports were sent from this ward this week')
    expect(residentReportWords([{ status: 'new', reports: 3 }, { status: 'rejected', reports: 1 }], 3, 'month')).toBe(
      '4 resident reports were sent from this ward this month; their outcomes are not broken down, as some would be under 3',
    )
    expect(residentReportWords([{ status: 'rejected', reports: 3 }, { status: 'accepted', reports: 5 }], 3, 'week')).toBe(
      '8 resident reports were sent from this ward this week: 5 accepted as incidents, 3 rejected when this report was published',
    )
  })
})
