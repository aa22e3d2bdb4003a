import { describe, expect, it } from 'vitest'
import { daysBetween, describeLinkedTasks, describeReview } from './pop-words'
import { popIdOf, popListUrl } from './pops-api'

describe('POP words', () => {
  it('counts days across month ends and clock changes', () => {
    expect(daysBetween('2025-03-29', '2025-04-02')).toBe(4)
    expect(daysBetween('2025-10-25', '2025-10-27')).toBe(2)
    expect(daysBetween('2025-01-10', '2025-01-03')).toBe(-7)
  })

  it('words the review: overdue, due today, to come, or none when closed', () => {
    expect(describeReview({ status: 'open', reviewOn: '2025-03-01' }, '2025-03-04')).toBe('Review overdue by 3 days')
    expect(describeReview({ status: 'open', reviewOn: '2025-03-03' }, '2025-03-04')).toBe('Review overdue by 1 day')
    expect(describeReview({ status: 'open', reviewOn: '2025-03-04' }, '2025-03-04')).toBe('Review due today')
    expect(describeReview({ status: 'open', reviewOn: '2025-04-01' }, '2025-03-04')).toBe('Review in 28 days')
    expect(describeReview({ status: 'closed', reviewOn: '2025-03-01' }, '2025-03-04')).toBe('Closed: no review')
  })

  it('words linked tasks by status', () => {
    expect(describeLinkedTasks({ count: 0, byStatus: [] })).toBe('No linked tasks')
    expect(describeLinkedTasks({ count: 1, byStatus: [{ status: 'tasked', count: 1 }] })).toBe('1 linked task: 1 tasked')
    expect(
      describeLinkedTasks({ count: 3, byStatus: [{ status: 'in_progress', count: 1 }, { status: 'proposed', count: 2 }] }),
    ).toBe('3 linked tasks: 1 in progress, 2 proposed')
  })
})

describe('the POP API addresses', () => {
  it('asks for each filter', () => {
    expect(popListUrl('open')).toBe('/api/pops?status=open')
    expect(popListUrl('overdue')).toBe('/api/pops?status=open&overdue=true')
    expect(popListUrl('closed')).toBe('/api/pops?status=closed')
    expect(popListUrl('all', 'E05014882')).toBe('/api/pops?ward=E05014882')
  })

  it('reads ?pop= only when it is an id', () => {
    expect(popIdOf('?pop=12')).toBe(12)
    expect(popIdOf('?pop=0')).toBeNull()
    expect(popIdOf('?pop=1e3')).toBeNull()
    expect(popIdOf('')).toBeNull()
  })
})
