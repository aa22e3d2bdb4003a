import { describe, expect, it } from 'vitest'
import { describeChanges } from './changes.js'
import type { WeeklyReport } from './schemas.js'

const base = {
  total: { count: 30, previous: 25, words: '' },
  categories: [{ category: 'Burglary', count: 12, words: '' }, { category: 'Drugs', count: '<3', words: '' }],
  trend: [{ period: '2024-W04', label: '', total: 25 }, { period: '2024-W05', label: '', total: 30 }],
  locations: [],
  tasks: [],
  cctv: { incidents: 30, covered: '<3', share: null, workingCameras: 0, words: '' },
  contacts: [],
  map: { outline: null, bands: [], cells: [] },
  caveats: ['a'],
} as unknown as WeeklyReport

describe('describeChanges', () => {
  it('names each figure that changed, as the reader sees it', () => {
    const after = structuredClone(base)
    after.total.count = 32
    after.categories[0].count = 14
    after.trend[0].total = 26
    expect(describeChanges(base, after)).toBe('total: 30 → 32; Burglary: 12 → 14; trend 2024-W04: 25 → 26')
  })
  it('says when nothing a reader compares changed, and counts what it does not list', () => {
    expect(describeChanges(base, structuredClone(base))).toBe('no figure changed')
    const after = structuredClone(base)
    after.trend = Array.from({ length: 14 }, (_, index) => ({ period: `2023-W${String(index + 10)}`, label: '', total: index }))
    expect(describeChanges(base, after)).toMatch(/; and \d+ more$/)
  })
})
