import { latLngToCell } from 'h3-js'
import { describe, expect, it } from 'vitest'
import { monthsOf } from '../../lib/months.js'
import { checkControlCells, choosePeriods } from './evaluate-task.js'

const data = monthsOf('2023-01', '2025-11')

describe('choosePeriods', () => {
  it('takes the task\u2019s own length in whole months from its start month, and as many before', () => {
    expect(choosePeriods({ startMonth: '2024-04', endMonth: '2024-06' }, data, undefined)).toEqual({
      before: { from: '2024-01', to: '2024-03' },
      after: { from: '2024-04', to: '2024-06' },
      months: 3,
      notes: [],
    })
    expect(choosePeriods({ startMonth: '2024-04', endMonth: '2024-06' }, data, 6).before).toEqual({ from: '2023-10', to: '2024-03' })
  })

  it('shortens both periods to the data, and says so', () => {
    const chosen = choosePeriods({ startMonth: '2025-09', endMonth: '2026-08' }, data, undefined)
    expect(chosen.months).toBe(3)
    expect(chosen.after).toEqual({ from: '2025-09', to: '2025-11' })
    expect(chosen.before).toEqual({ from: '2025-06', to: '2025-08' })
    expect(chosen.notes[0]).toMatch(/^Shortened periods: 12 months/)
    expect(choosePeriods({ startMonth: '2023-03', endMonth: '2023-12' }, data, undefined).months).toBe(2)
  })

  it('names months with no data inside the periods', () => {
    const gappy = data.filter((month) => month !== '2024-02')
    expect(choosePeriods({ startMonth: '2024-03', endMonth: '2024-04' }, gappy, undefined).notes).toEqual([expect.stringMatching(/^Missing months: no data was loaded for Feb 2024/)])
  })

  it('refuses with 409 when there is no month on one side', () => {
    expect(() => choosePeriods({ startMonth: '2026-01', endMonth: '2026-02' }, data, undefined)).toThrow(/no month from its start on/)
    expect(() => choosePeriods({ startMonth: '2023-01', endMonth: '2023-02' }, data, undefined)).toThrow(/no month before it/)
    expect(() => choosePeriods({ startMonth: '2023-01', endMonth: '2023-02' }, [], undefined)).toThrow(/no data yet/)
  })
})

describe('checkControlCells', () => {
  it('keeps valid cells of one map resolution once each', () => {
    const cell = latLngToCell(54.57, -1.23, 8)
    expect(checkControlCells([cell, cell])).toEqual([cell])
  })
  it('refuses cells that are not H3, mixed resolutions and resolutions off the map', () => {
    expect(() => checkControlCells(['000000000000000'])).toThrow(/not an H3 cell/)
    expect(() => checkControlCells([latLngToCell(54.57, -1.23, 8), latLngToCell(54.57, -1.23, 9)])).toThrow(/mix resolutions/)
    expect(() => checkControlCells([latLngToCell(54.57, -1.23, 5)])).toThrow(/resolution 5/)
  })
})
