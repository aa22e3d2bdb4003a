import { describe, expect, it } from 'vitest'
import { KNOWN_CATEGORIES } from '../../shared/categories'
import {
  concentrationChartData,
  concentrationReading,
  forecastChartData,
  forecastReading,
  formatChange,
  incidentSubject,
  SERIES_COLOURS,
  topWardsReading,
} from './chart-data'
import type { ConcentrationAnswer, ConcentrationArea, ForecastAnswer, TopWardsAnswer } from './hotspot-api'

function area(code: string, name: string, total: number, topShares: number[]): ConcentrationArea {
  const shares = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5]
  return {
    code,
    name,
    cells: 1000,
    total,
    top: shares.map((cellShare, index) => ({ cellShare, cells: Math.ceil(cellShare * 1000), valueShare: topShares[index] })),
    curve: Array.from({ length: 101 }, (_, percent) => ({ cellShare: percent / 100, valueShare: total === 0 ? 0 : Math.min(1, Math.sqrt(percent / 25)) })),
  }
}

/** Numbers from GET /api/hotspots/concentration for ASB, Jan–Jun 2024, res 9. */
const concentration: ConcentrationAnswer = {
  period: { from: '2024-01', to: '2024-06' },
  res: 9,
  measure: 'count',
  areas: [
    area('E06000001', 'Hartlepool', 1374, [0.2613, 0.4098, 0.6557, 0.8632, 0.9956, 1]),
    area('E06000002', 'Middlesbrough', 2712, [0.1917, 0.2773, 0.4469, 0.6128, 0.7972, 0.9934]),
    area('E06000003', 'Redcar and Cleveland', 1869, [0.4007, 0.5457, 0.7892, 0.9604, 1, 1]),
    area('E06000004', 'Stockton-on-Tees', 0, [0, 0, 0, 0, 0, 0]),
  ],
}

describe('what the incidents are called', () => {
  it('reads ASB, one category in lower case, several, or all', () => {
    expect(incidentSubject(['Anti-social behaviour'])).toBe('ASB')
    expect(incidentSubject(['Burglary'])).toBe('burglary')
    expect(incidentSubject(['Burglary', 'Drugs'])).toBe('incidents in 2 categories')
    expect(incidentSubject([...KNOWN_CATEGORIES])).toBe('all incidents')
  })
})

describe('concentration', () => {
  it('makes one line per council with incidents, as percentages, over the busiest half of the cells', () => {
    const { series, points } = concentrationChartData(concentration)
    expect(series.map((entry) => entry.name)).toEqual(['Hartlepool', 'Middlesbrough', 'Redcar and Cleveland'])
    expect(series.map((entry) => entry.colour)).toEqual(SERIES_COLOURS.slice(0, 3))
    expect(points).toHaveLength(51)
    expect(points[0]).toEqual({ cellPercent: 0, E06000001: 0, E06000002: 0, E06000003: 0 })
    expect(points[25]).toEqual({ cellPercent: 25, E06000001: 100, E06000002: 100, E06000003: 100 })
    expect(points[4].E06000001).toBe(40)
    expect(concentrationChartData(concentration, 100).points).toHaveLength(101)
  })

  it('reads the busiest 5% of cells for each council in one sentence', () => {
    expect(concentrationReading(concentration, 'ASB')).toBe(
      'The busiest 5% of cells hold 66% of ASB in Hartlepool, 45% in Middlesbrough and 79% in Redcar and Cleveland.',
    )
    expect(concentrationReading({ ...concentration, areas: concentration.areas.slice(1, 2) }, 'burglary')).toBe(
      'The busiest 5% of cells hold 45% of burglary in Middlesbrough.',
    )
    expect(concentrationReading({ ...concentration, areas: [] }, 'ASB')).toBe('No ASB in this period to measure.')
  })
})

/** From GET /api/hotspots/forecast-accuracy for ASB, Jan–Jun 2024 (the last month with no incidents, to test that). */
const forecast: ForecastAnswer = {
  period: { from: '2024-01', to: '2024-07' },
  res: 9,
  lookback: 3,
  measure: 'count',
  top: 0.05,
  months: [
    { month: '2024-04', cells: 331, areaShare: 0.05003, captured: 855, total: 1528, hitRate: 0.5595549738219895, pai: 11.184337482798437, pei: 0.6867469879518072 },
    { month: '2024-05', cells: 331, areaShare: 0.05003, captured: 1061, total: 1907, hitRate: 0.5563712637650761, pai: 11.120701755497715, pei: 0.7337482710926695 },
    { month: '2024-06', cells: 331, areaShare: 0.05003, captured: 901, total: 1576, hitRate: 0.5717005076142132, pai: 11.427101384820649, pei: 0.734910277324633 },
    { month: '2024-07', cells: 331, areaShare: 0.05003, captured: 0, total: 0, hitRate: null, pai: null, pei: null },
  ],
}

describe('forecast accuracy', () => {
  it('gives the hit rate as a percentage and PAI per month, keeping gaps as gaps', () => {
    const points = forecastChartData(forecast)
    expect(points[0]).toEqual({ month: '2024-04', label: 'Apr 2024', hitRate: 56, pai: 11.18, pei: 0.687 })
    expect(points[3]).toEqual({ month: '2024-07', label: 'Jul 2024', hitRate: null, pai: null, pei: null })
  })

  it('reads the average over the months that had incidents', () => {
    expect(forecastReading(forecast, 'ASB')).toBe(
      "The busiest 5% of cells by the previous 3 months caught 56% of the next month's ASB on average: 11.2 times what that much area would catch by chance (PAI), over 4 months tested.",
    )
    expect(forecastReading({ ...forecast, months: [] }, 'ASB')).toBe('Needs more than 3 months of data in the period to test.')
  })
})

const topWards: TopWardsAnswer = {
  period: { from: '2024-04', to: '2024-06' },
  comparison: { period: { from: '2024-01', to: '2024-03' }, months: 3, monthsWithData: 3 },
  measure: 'count',
  wards: [
    { rank: 1, code: 'E05009857', name: 'Central', councilName: 'Middlesbrough', incidents: 275, previous: 245, harm: 1375, previousHarm: 1225, change: 30, changeRatio: 275 / 245 },
    { rank: 2, code: 'E05014882', name: 'Stockton Town Centre', councilName: 'Stockton-on-Tees', incidents: 180, previous: 200, harm: 900, previousHarm: 1000, change: -20, changeRatio: 0.9 },
    { rank: 3, code: 'E05009870', name: 'Park End & Beckfield', councilName: 'Middlesbrough', incidents: 12, previous: 0, harm: 60, previousHarm: 0, change: 12, changeRatio: null },
  ],
}

describe('top wards', () => {
  it('writes the change as a percentage, "new" from nothing, "–" when there is nothing to compare with', () => {
    expect(topWards.wards.map((ward) => formatChange(ward))).toEqual(['+12%', '−10%', 'new'])
    expect(formatChange({ ...topWards.wards[0], previous: null, previousHarm: null, change: null, changeRatio: null })).toBe('–')
  })

  it('reads the top ward in one sentence', () => {
    expect(topWardsReading(topWards, 'ASB')).toBe('Central (Middlesbrough) had the most ASB: 275 incidents, up 12% on Jan 2024 – Mar 2024.')
    const before = (monthsWithData: number) => ({ ...topWards, comparison: { ...topWards.comparison!, monthsWithData } })
    expect(topWardsReading(before(0), 'ASB')).toBe('Central (Middlesbrough) had the most ASB: 275 incidents; no earlier data, so no change is shown.')
    expect(topWardsReading(before(1), 'ASB')).toBe(
      'Central (Middlesbrough) had the most ASB: 275 incidents; earlier data covers only 1 of 3 months, so no change is shown.',
    )
    expect(topWardsReading({ ...topWards, wards: [] }, 'burglary')).toBe('No burglary in any ward in this period.')
  })

  it('reads harm as harm', () => {
    expect(topWardsReading({ ...topWards, measure: 'harm' }, incidentSubject(['Anti-social behaviour'], 'harm'))).toBe(
      'Central (Middlesbrough) had the most harm from ASB: harm 1,375, up 12% on Jan 2024 – Mar 2024.',
    )
  })
})
