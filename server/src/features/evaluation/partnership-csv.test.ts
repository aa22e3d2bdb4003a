import { describe, expect, it } from 'vitest'
import { csvField, PARTNERSHIP_CSV_HEADER, partnershipCsv } from './partnership-csv.js'
import type { Partnership } from './schemas.js'
import { wdd } from './wdd.js'

const result = wdd({ treated: [40, 22], control: [38, 36], displacementTreated: [20, 21] })

const partnership: Partnership = {
  period: { from: '2024-04', to: '2024-06' },
  previous: { from: '2024-01', to: '2024-03' },
  tasks: [
    {
      id: 7, title: '=HYPERLINK("x")', status: 'completed', startDate: '2024-04-01', endDate: '2024-06-30',
      evaluation: {
        months: 3, before: { from: '2024-01', to: '2024-03' }, after: { from: '2024-04', to: '2024-06' },
        counts: { treated: [40, 22], buffer: [20, 21], control: [38, 36] }, wdd: { count: result, harm: result },
        direction: 'fewer', beyondChanceAt: 90, caveats: [],
      },
      note: null,
    },
    { id: 8, title: 'Later, "quoted"', status: 'tasked', startDate: '2026-01-01', endDate: '2026-02-01', evaluation: null, note: 'no month after its start' },
  ],
  targeted: { councils: ['E06000002'], counts: { targeted: [100, 90], rest: [1000, 1100] }, change: { targeted: -0.1, rest: 0.1 }, expected: 110, relative: 90 / 110 - 1, note: null },
}

describe('partnershipCsv', () => {
  const lines = partnershipCsv(partnership).trimEnd().split('\r\n')

  it('has a header, a row per task and one for all targeted areas, each as wide as the header', () => {
    expect(lines).toHaveLength(4)
    expect(lines[0]).toBe(PARTNERSHIP_CSV_HEADER.join(','))
  })

  it('writes negative figures as numbers and formulas as text', () => {
    expect(lines[1]).toContain(`,${result.estTotal},`)
    expect(result.estTotal).toBeLessThan(0)
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`)
    expect(lines[1]).toContain('fewer than the control’s change gives; beyond chance at 90%')
  })

  it('leaves an unevaluated task\u2019s figures empty and gives the reason', () => {
    expect(lines[2]).toBe(`task,8,"Later, ""quoted""",tasked,2026-01-01,2026-02-01${','.repeat(21)}no month after its start`)
    expect(lines[3]).toMatch(/^all targeted areas,,All targeted areas against the rest of their councils,,2024-04,2024-06,,2024-01,2024-03,2024-04,2024-06,100,90,,,1000,1100,/)
    expect(lines[3]).toContain('-18.2% against that')
  })

  it('quotes fields as RFC 4180 and empties nulls', () => {
    expect(csvField(null)).toBe('')
    expect(csvField(-3)).toBe('-3')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('-3')).toBe("'-3")
  })
})
