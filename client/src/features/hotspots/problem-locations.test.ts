import { cellToBoundary, gridDisk, latLngToCell } from 'h3-js'
import { describe, expect, it } from 'vitest'
import type { ProblemLocation, ProblemLocationsAnswer } from './hotspot-api'
import { formatAreaKm2 } from '../../shared/format'
import {
  busiestPointSummary,
  cellsGeometry,
  locationCountSummary,
  CSV_COLUMNS,
  exportFileName,
  formatRate,
  formatShare,
  problemLocationRecord,
  problemLocationsCsv,
  problemLocationsGeoJson,
  scoreContributions,
  trendDirection,
  trendSummary,
} from './problem-locations'

const MONTHS = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']

function location(overrides: Partial<ProblemLocation> & { counts: number[] }): ProblemLocation {
  // ASB's default weight, 5, for the harm.
  const months = MONTHS.map((month, index) => ({ month, incidents: overrides.counts[index], harm: overrides.counts[index] * 5 }))
  const incidents = overrides.counts.reduce((sum, value) => sum + value, 0)
  const score = months.reduce((sum, entry, index) => sum + entry.incidents * 0.5 ** ((5 - index) / 6), 0)
  return {
    rank: 1,
    name: 'On or near Homerton Road',
    ward: { code: 'E05009857', name: 'Central' },
    cells: ['8919460b643ffff', '8919460b64bffff'],
    areaKm2: 0.18,
    centre: { lon: -1.2193389363133682, lat: 54.56731126770199 },
    incidents,
    harm: incidents * 5,
    score,
    previous: null,
    components: {
      measure: 'count',
      recencyWeighted: score,
      halfLifeMonths: 6,
      trend: { recentPeriods: 3, earlierPeriods: 3, recentMean: 296.6666666666667, earlierMean: 191.66666666666666, difference: 105.00000000000003, ratio: 1.547826086956522 },
      maxZ: 20.97239738030369,
      meanZ: 7.098704309138168,
      class: 'hot-99',
      emerging: 'persistent-hot',
      busiestPoint: { incidents: 149, share: 0.10170648464163823, place: 'On or near Homerton Road' },
      months,
    },
    ...overrides,
  }
}

/** The real top-ranked location for ASB, Jan–Jun 2024 (cells trimmed to two), and a formula-looking second one. */
const answer: ProblemLocationsAnswer = {
  period: { from: '2024-01', to: '2024-06' },
  res: 9,
  k: 1,
  fdr: true,
  halfLifeMonths: 6,
  recentMonths: 3,
  measure: 'count',
  comparison: { period: { from: '2023-07', to: '2023-12' }, months: 6, monthsWithData: 0 },
  total: 22,
  maxAreaKm2: 0.5,
  caveats: ['police.uk moves every incident to the nearest of a set of shared anonymous map points.'],
  locations: [
    location({ counts: [146, 179, 250, 297, 323, 270] }),
    location({
      rank: 2,
      name: '=On or near "Parking Area", Stockton',
      ward: null,
      cells: ['89194654853ffff'],
      counts: [0, 1, 0, 2, 1, 2],
    }),
  ],
}

describe('trend', () => {
  const trend = (recentMean: number, earlierMean: number | null) => ({
    recentPeriods: 3,
    earlierPeriods: earlierMean === null ? 0 : 3,
    recentMean,
    earlierMean,
    difference: earlierMean === null ? null : recentMean - earlierMean,
    ratio: earlierMean ? recentMean / earlierMean : null,
  })

  it('arrows up, down or steady by the recent rate against the earlier one, with a ±10% steady band', () => {
    expect(trendDirection(trend(296.7, 191.7))).toBe('up')
    expect(trendDirection(trend(17.3, 31.3))).toBe('down')
    expect(trendDirection(trend(30, 30.33))).toBe('steady')
    expect(trendDirection(trend(10.9, 10))).toBe('steady')
    expect(trendDirection(trend(11, 10))).toBe('up')
    expect(trendDirection(trend(2, 0))).toBe('up')
    expect(trendDirection(trend(0, 0))).toBe('steady')
    expect(trendDirection(trend(5, null))).toBe('unknown')
  })

  it('says in words which months’ rates it compares, and the change', () => {
    expect(trendSummary(trend(296.6666, 191.6666))).toBe('last 3 months: 297 a month; 192 a month in the 3 months before (+55%)')
    expect(trendSummary(trend(3.333, 0.333))).toBe('last 3 months: 3.3 a month; 0.3 a month in the 3 months before (+901%)')
    expect(trendSummary(trend(27.6, 30), 'harm')).toBe('last 3 months: 28 harm a month; 30 a month in the 3 months before (−8%)')
    expect(trendSummary(trend(3, null))).toBe('last 3 months: 3 a month; no earlier months to compare with')
  })

  it('says the location’s own count, area and busiest point in words', () => {
    const top = answer.locations[0]
    expect(locationCountSummary(top, answer.period)).toBe('1,465 incidents here in Jan 2024 – Jun 2024, 244 a month')
    expect(formatAreaKm2(top.areaKm2)).toBe('0.18 km²')
    expect(busiestPointSummary(top.components.busiestPoint)).toBe('busiest point: On or near Homerton Road (149)')
  })

  it('formats shares and rates', () => {
    expect(formatShare(0.10170648464163823)).toBe('10%')
    expect(formatShare(0.004)).toBe('0.4%')
    expect(formatShare(null)).toBe('–')
    expect(formatRate(1164.9687)).toBe('1,165')
  })
})

describe('score components', () => {
  it('weights each month by 0.5^(age / half-life) from the last month, adding up to the server’s score', () => {
    const top = answer.locations[0]
    const parts = scoreContributions(top.components.months, answer.period.to, 6, 'count')
    expect(parts.map((part) => part.age)).toEqual([5, 4, 3, 2, 1, 0])
    expect(parts[5].weight).toBe(1)
    expect(parts[0].weight).toBeCloseTo(0.5 ** (5 / 6), 12)
    const total = parts.reduce((sum, part) => sum + part.weighted, 0)
    // The server's score for this location (GET /api/hotspots/problem-locations, ASB, 2024-01..2024-06).
    expect(total).toBeCloseTo(1164.9687009654194, 9)
    expect(total).toBeCloseTo(top.score, 9)
  })

  it('counts age across a year end', () => {
    const parts = scoreContributions([{ month: '2023-12', incidents: 4, harm: 20 }, { month: '2024-01', incidents: 2, harm: 10 }], '2024-01', 1, 'count')
    expect(parts.map((part) => part.weighted)).toEqual([2, 2])
  })

  it('weights harm the same way when harm is the measure', () => {
    const parts = scoreContributions([{ month: '2023-12', incidents: 4, harm: 20 }, { month: '2024-01', incidents: 2, harm: 10.5 }], '2024-01', 1, 'harm')
    expect(parts.map((part) => part.value)).toEqual([20, 10.5])
    expect(parts.map((part) => part.weighted)).toEqual([10, 10.5])
  })
})

describe('CSV export', () => {
  const csv = problemLocationsCsv(answer, ['Anti-social behaviour'])
  const rows = csv.split('\r\n')

  it('has the headings, one row per location in rank order, and a column per month', () => {
    expect(csv.endsWith('\r\n')).toBe(true)
    expect(rows).toHaveLength(answer.locations.length + 2)
    const header = rows[0].split(',')
    expect(header.slice(0, 10)).toEqual([
      'Rank',
      'Name (busiest streets · ward)',
      'Main ward code',
      'Main ward (where most of its incidents are)',
      'Incidents in the location in the period',
      'Incidents in the location a month',
      'Harm in the location in the period',
      'Area (km²)',
      'Measure',
      'Score (recency-weighted measure)',
    ])
    expect(header.slice(-6)).toEqual(MONTHS.map((month) => `Incidents in the location ${month}`))
    expect(header).toHaveLength(CSV_COLUMNS.length + MONTHS.length)
    expect(rows[1].startsWith('1,On or near Homerton Road,E05009857,Central,1465,244.17,7325,0.18,count,1164.97,6,3,296.67,191.67,105,1.548,up,"Hot spot, 99% confidence",20.972,7.099,Persistent hot spot,149,0.1017,On or near Homerton Road,-1.219339,54.567311,2,8919460b643ffff 8919460b64bffff,2024-01,2024-06,9,1,yes,Anti-social behaviour,')).toBe(true)
    expect(rows[1].endsWith(',146,179,250,297,323,270')).toBe(true)
  })

  it('quotes commas and quotes and defuses a name a spreadsheet would run as a formula', () => {
    expect(rows[2].startsWith(`2,"'=On or near ""Parking Area"", Stockton",,,6,`)).toBe(true)
  })

  it('gives each month\u2019s harm instead when harm is the measure', () => {
    const harm = problemLocationsCsv({ ...answer, measure: 'harm' }, ['Anti-social behaviour']).split('\r\n')
    expect(harm[0].split(',').slice(-6)).toEqual(MONTHS.map((month) => `Harm in the location ${month}`))
    expect(harm[1].endsWith(',730,895,1250,1485,1615,1350')).toBe(true)
  })

  it('is just the header for an empty list', () => {
    expect(problemLocationsCsv({ ...answer, total: 0, locations: [] }, []).split('\r\n').filter(Boolean)).toHaveLength(1)
  })
})

describe('GeoJSON export', () => {
  it('gives each location its cells as one MultiPolygon and its CSV record as properties', () => {
    const collection = problemLocationsGeoJson(answer, ['Anti-social behaviour'])
    expect(collection.type).toBe('FeatureCollection')
    expect(collection.features.map((feature) => feature.properties.name)).toEqual(answer.locations.map((entry) => entry.name))
    expect(collection.features[0].properties).toEqual(problemLocationRecord(answer.locations[0], answer, ['Anti-social behaviour']))
    const single = collection.features[1].geometry
    expect(single.type).toBe('MultiPolygon')
    expect(single.coordinates).toHaveLength(1)
    const ring = single.coordinates[0][0]
    // Closed, [lon, lat], the hexagon's six corners.
    expect(ring[0]).toEqual(ring[ring.length - 1])
    expect(ring).toHaveLength(7)
    const corners = cellToBoundary('89194654853ffff', true)
    for (const corner of ring) expect(corners.some(([lon, lat]) => Math.abs(lon - corner[0]) < 1e-9 && Math.abs(lat - corner[1]) < 1e-9)).toBe(true)
    expect(corner0IsLonLat(ring[0])).toBe(true)
  })

  it('merges touching cells into one outline', () => {
    const centre = latLngToCell(54.567, -1.219, 9)
    const neighbour = gridDisk(centre, 1).find((cell) => cell !== centre)!
    const geometry = cellsGeometry([centre, neighbour])
    const rings = geometry.coordinates.flat()
    // Two touching hexagons make one polygon with one outer ring of 10 corners (+ the closing point).
    expect(geometry.coordinates).toHaveLength(1)
    expect(rings[0].length).toBe(11)
  })
})

function corner0IsLonLat([lon, lat]: number[]): boolean {
  return lon < 0 && lon > -2 && lat > 54 && lat < 55
}

describe('file names', () => {
  it('say the period and the resolution', () => {
    expect(exportFileName(answer, 'csv')).toBe('problem-locations-2024-01-to-2024-06-res9.csv')
    expect(exportFileName({ period: { from: '', to: '' }, res: 8 }, 'geojson')).toBe('problem-locations-no-data-res8.geojson')
  })
})
