import { describe, expect, it } from 'vitest'
import type { WardReport } from './ward-report-api'
import { csvFileName, describePeriod, formatReportCount, monthGrid, sortCategories, wardReportCsv } from './ward-report'

const report: WardReport = {
  period: { from: '2024-01', to: '2024-03' },
  dataPeriod: { from: '2023-01', to: '2025-11' },
  suppressionThreshold: 3,
  suppressed: true,
  wards: [
    {
      code: 'E05009857',
      name: 'Stockton Town Centre',
      councilName: 'Stockton-on-Tees',
      total: 1234,
      categories: [
        { category: 'Anti-social behaviour', count: 700 },
        { category: 'Bicycle theft', count: '<3' },
        { category: 'Drugs', count: '<3' },
        { category: 'Burglary', count: 30 },
      ],
      months: [
        { month: '2024-01', count: 400 },
        { month: '2024-02', count: '<3' },
        { month: '2024-03', count: '>=450' },
      ],
    },
    {
      code: 'E05012345',
      name: 'Newtown, "Old" side',
      councilName: 'Hartlepool',
      total: '<3',
      categories: [{ category: 'Drugs', count: '<3' }],
      months: [{ month: '2024-01', count: '<3' }],
    },
  ],
}

describe('formatReportCount', () => {
  it('groups thousands and keeps suppression markers', () => {
    expect(formatReportCount(1234)).toBe('1,234')
    expect(formatReportCount(0)).toBe('0')
    expect(formatReportCount('<3')).toBe('<3')
    expect(formatReportCount('>=1234')).toBe('\u2265 1,234')
  })
})

describe('sortCategories', () => {
  it('puts the busiest first and hidden counts last', () => {
    expect(sortCategories(report.wards[0].categories).map((entry) => entry.category)).toEqual([
      'Anti-social behaviour',
      'Burglary',
      'Bicycle theft',
      'Drugs',
    ])
  })
})

describe('monthGrid', () => {
  it('lays months out by year, leaving months outside the period empty', () => {
    expect(
      monthGrid([
        { month: '2023-11', count: 5 },
        { month: '2023-12', count: '<3' },
        { month: '2024-01', count: 7 },
      ]),
    ).toEqual([
      { year: '2023', cells: [null, null, null, null, null, null, null, null, null, null, 5, '<3'] },
      { year: '2024', cells: [7, null, null, null, null, null, null, null, null, null, null, null] },
    ])
  })
})

describe('CSV export', () => {
  it('writes every shown count, keeping "<3" as it is', () => {
    const csv = wardReportCsv(report)
    const lines = csv.split('\r\n')
    expect(lines[0]).toBe('Ward code,Ward,Council,From,To,Breakdown,Item,Count')
    expect(lines.slice(1, 9)).toEqual([
      'E05009857,Stockton Town Centre,Stockton-on-Tees,2024-01,2024-03,Total,All incidents,1234',
      'E05009857,Stockton Town Centre,Stockton-on-Tees,2024-01,2024-03,Category,Anti-social behaviour,700',
      'E05009857,Stockton Town Centre,Stockton-on-Tees,2024-01,2024-03,Category,Burglary,30',
      'E05009857,Stockton Town Centre,Stockton-on-Tees,2024-01,2024-03,Category,Bicycle theft,<3',
      'E05009857,Stockton Town Centre,Stockton-on-Tees,2024-01,2024-03,Category,Drugs,<3',
      'E05009857,Stockton Town Centre,Stockton-on-Tees,2024-01,2024-03,Month,2024-01,400',
      'E05009857,Stockton Town Centre,Stockton-on-Tees,2024-01,2024-03,Month,2024-02,<3',
      'E05009857,Stockton Town Centre,Stockton-on-Tees,2024-01,2024-03,Month,2024-03,>=450',
    ])
    expect(lines[9]).toBe('E05012345,"Newtown, ""Old"" side",Hartlepool,2024-01,2024-03,Total,All incidents,<3')
    expect(lines).toHaveLength(1 + 8 + 3 + 1)
    expect(lines.at(-1)).toBe('')
  })

  it('exports only the wards passed, and names the file after the period', () => {
    const one = wardReportCsv(report, [report.wards[1]])
    expect(one.split('\r\n').filter(Boolean)).toHaveLength(4)
    expect(csvFileName(report, [report.wards[1]])).toBe('ward-report-E05012345-2024-01-to-2024-03.csv')
    expect(csvFileName(report)).toBe('ward-report-wards-2024-01-to-2024-03.csv')
  })
})

describe('describePeriod', () => {
  it('names the months', () => {
    expect(describePeriod({ from: '2024-01', to: '2024-03' })).toBe('Jan 2024 – Mar 2024')
    expect(describePeriod({ from: '2024-01', to: '2024-01' })).toBe('Jan 2024')
    expect(describePeriod(null)).toBe('no data yet')
  })
})
