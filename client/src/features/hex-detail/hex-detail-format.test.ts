import { describe, expect, it } from 'vitest'
import type { HexDetail } from './hex-detail-api'
import { formatPerMonth, hexSummary, monthlySeries, periodText, wardShareText } from './hex-detail-format'
import { formatAreaKm2 } from '../../shared/format'

const detail: HexDetail = {
  cell: '89194655b83ffff',
  res: 9,
  areaKm2: 0.0913,
  period: { from: '2024-01', to: '2024-03' },
  incidents: 48,
  harm: 240,
  categories: [{ category: 'Anti-social behaviour', incidents: 48, harm: 240 }],
  months: [
    { month: '2024-01', incidents: 20, harm: 100 },
    { month: '2024-02', incidents: 0, harm: 0 },
    { month: '2024-03', incidents: 28, harm: 140 },
  ],
  places: [{ place: 'On or near High Street', incidents: 48, harm: 240 }],
  wards: [{ code: 'E05014882', name: 'Stockton Town Centre', incidents: 40, harm: 200 }, { code: null, name: null, incidents: 8, harm: 40 }],
}

describe('hex detail wording', () => {
  it('says the cell\u2019s count with its period and rate in words', () => {
    expect(hexSummary(detail)).toBe('48 incidents in Jan 2024 – Mar 2024 (3 months), 16 a month')
    expect(hexSummary({ ...detail, months: [] })).toBe('No data for this period.')
  })

  it('gives a ward\u2019s part of the cell, never a ward total', () => {
    expect(wardShareText(detail.wards[0], 48)).toBe('Stockton Town Centre: 40 of the 48 here')
    expect(wardShareText(detail.wards[1], 48)).toBe('Outside every ward: 8 of the 48 here')
  })

  it('formats areas, rates and periods', () => {
    expect(formatAreaKm2(0.0913)).toBe('0.09 km²')
    expect(formatAreaKm2(0.5)).toBe('0.50 km²')
    expect(formatAreaKm2(16.41)).toBe('16.4 km²')
    expect(formatPerMonth(3.333)).toBe('3.3 a month')
    expect(formatPerMonth(292.6)).toBe('293 a month')
    expect(periodText({ from: '2024-03', to: '2024-03' }, 1)).toBe('Mar 2024')
  })

  it('keeps every month of the period in the chart, empty ones at 0', () => {
    expect(monthlySeries(detail).map((point) => point.incidents)).toEqual([20, 0, 28])
  })
})
