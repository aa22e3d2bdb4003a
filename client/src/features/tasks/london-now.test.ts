import { describe, expect, it } from 'vitest'
import { londonNow } from './london-now'

describe('londonNow', () => {
  it('gives the UK date and time, in summer an hour ahead of UTC', () => {
    expect(londonNow(new Date('2026-07-01T23:30:00Z'))).toEqual({ date: '2026-07-02', time: '00:30' })
    expect(londonNow(new Date('2026-12-01T19:05:00Z'))).toEqual({ date: '2026-12-01', time: '19:05' })
  })
})
