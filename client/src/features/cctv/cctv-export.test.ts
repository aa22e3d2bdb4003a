import { describe, expect, it } from 'vitest'
import type { Camera, CoverageAnswer, GapsAnswer, PlacementAnswer } from './cctv-api'
import { COVERAGE_CAVEAT } from './cctv-api'
import { camerasExport, exportFileName, gapsExport, placementExport, toCsv, wardCoverageExport } from './cctv-export'
import { describeCamera, describePick, describeUplift, formatShare } from './cctv-words'

const camera: Camera = {
  id: 7,
  owner: 'Stockton-on-Tees BC',
  reference: 'ST-001',
  name: 'High Street north',
  location: 'High St, by the "Shambles"',
  statedWard: null,
  type: 'fixed',
  status: 'working',
  view: { mountingHeightM: 6, bearingDeg: 90, fovDeg: 60, rangeM: 100, radiusM: 0 },
  assumed: { type: false, mountingHeightM: true, bearingDeg: false, fovDeg: true, rangeM: false, radiusM: false },
  anyAssumed: true,
  deployedFrom: null,
  deployedUntil: null,
  notes: '',
  illustrative: true,
  source: 'manual',
  position: { lon: -1.3117, lat: 54.5646 },
  ward: { code: 'E05014882', name: 'Stockton Town Centre' },
  viewGeometry: { type: 'MultiPolygon', coordinates: [[[[-1.3117, 54.5646], [-1.31, 54.565], [-1.31, 54.564], [-1.3117, 54.5646]]]] },
  viewAreaM2: 5236.2,
  version: 3,
  createdAt: '2026-12-01T10:00:00Z',
  updatedAt: '2026-12-01T10:00:00Z',
  updatedBy: null,
}

const parse = (csv: string) => csv.trim().split('\r\n')

describe('CSV', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    expect(toCsv(['a', 'b'], [['x,y', '=SUM(A1)'], [null, 3]])).toBe('a,b\r\n"x,y",\'=SUM(A1)\r\n,3\r\n')
  })
})

describe('camera export', () => {
  it('one CSV row per camera; GeoJSON: a point and its view polygon, both with the row as properties', () => {
    const { csv, geojson } = camerasExport([camera])
    const lines = parse(csv)
    expect(lines).toHaveLength(2)
    expect(lines[1]).toBe(
      '7,ST-001,High Street north,Stockton-on-Tees BC,Fixed camera,Working,"High St, by the ""Shambles""",Stockton Town Centre,-1.3117,54.5646,90,60,100,0,6,mountingHeightM fovDeg,yes,5236',
    )
    const parsed = JSON.parse(geojson)
    expect(parsed.type).toBe('FeatureCollection')
    expect(parsed.features.map((feature: { geometry: { type: string } }) => feature.geometry.type)).toEqual(['Point', 'MultiPolygon'])
    expect(parsed.features[0].geometry.coordinates).toEqual([-1.3117, 54.5646])
    expect(parsed.features[1].properties.Reference).toBe('ST-001')
    expect(parsed.features[1].properties.Illustrative).toBe('yes')
  })
})

const coverage: CoverageAnswer = {
  period: { from: '2026-01', to: '2026-03' },
  categories: null,
  caveats: [COVERAGE_CAVEAT],
  workingCameras: 1,
  assumedCameras: 1,
  overall: { incidents: 40, coveredIncidents: 12, incidentShare: 0.3, harm: 80.25, coveredHarm: 20.06, harmShare: 0.25 },
  wards: [{ code: 'E05014882', name: 'Stockton Town Centre', councilName: 'Stockton-on-Tees', cameras: 1, incidents: 40, coveredIncidents: 12, incidentShare: 0.3, harm: 80.25, coveredHarm: 20.06, harmShare: 0.25 }],
  cameras: [],
}

describe('ward coverage export', () => {
  it('carries every figure, shares as percentages, and the caveat on each row', () => {
    const { csv, geojson } = wardCoverageExport(coverage)
    const lines = parse(csv)
    expect(lines[0]).toBe('Ward code,Ward,Council,Working cameras,Incidents,Incidents in view,Incidents in view (%),Harm,Harm in view,Harm in view (%),Caveat')
    expect(lines[1].startsWith('E05014882,Stockton Town Centre,Stockton-on-Tees,1,40,12,30,80.3,20.1,25,"police.uk moves')).toBe(true)
    const feature = JSON.parse(geojson).features[0]
    expect(feature.geometry).toBeNull()
    expect(feature.properties['Harm in view (%)']).toBe(25)
  })
})

describe('gap and placement exports', () => {
  const gaps: GapsAnswer = {
    period: coverage.period,
    res: 9,
    caveats: [],
    cells: [{ rank: 1, h3: '89194ad3fffffff', class: 'hot-99', z: 3.2, centre: { lon: -1.31, lat: 54.56 }, incidents: 10, harm: 30, uncoveredIncidents: 8, uncoveredHarm: 24.04 }],
    locations: [
      {
        rank: 1,
        name: 'On or near Dovecot Street',
        problemRank: 2,
        ward: { code: 'E05014882', name: 'Stockton Town Centre' },
        cells: ['89194ad3fffffff'],
        centre: { lon: -1.312, lat: 54.565 },
        incidents: 6,
        harm: 12,
        uncoveredIncidents: 3,
        uncoveredHarm: 6,
        uncoveredShare: 0.5,
      },
    ],
  }

  it('lists cells then locations with their uncovered figures, as points', () => {
    const { csv, geojson } = gapsExport(gaps)
    const lines = parse(csv)
    expect(lines).toHaveLength(3)
    expect(lines[1].startsWith('hot cell,1,89194ad3fffffff,hot-99,,-1.31,54.56,10,30,8,24,')).toBe(true)
    expect(lines[2].startsWith('problem location,1,On or near Dovecot Street,,Stockton Town Centre,-1.312,54.565,6,12,3,6,')).toBe(true)
    const features = JSON.parse(geojson).features
    expect(features.map((feature: { geometry: { coordinates: number[] } }) => feature.geometry.coordinates)).toEqual([
      [-1.31, 54.56],
      [-1.312, 54.565],
    ])
  })

  const placement: PlacementAnswer = {
    period: coverage.period,
    caveats: [],
    rangeM: 150,
    candidates: 12,
    candidateSource: 'hot-cells',
    today: { harm: 80, coveredHarm: 20, harmShare: 0.25 },
    picks: [
      { rank: 1, site: { lon: -1.31, lat: 54.56, label: 'Dovecot Street' }, gainHarm: 12.5, gainIncidents: 8, coveredHarmAfter: 32.5, harmShareAfter: 0.40625 },
      { rank: 2, site: { lon: -1.32, lat: 54.57, label: null }, gainHarm: 4, gainIncidents: 1, coveredHarmAfter: 36.5, harmShareAfter: 0.45625 },
    ],
    uplift: { harm: 16.5, incidents: 9, harmShare: 0.20625 },
  }

  it('exports each pick with its marginal gain, and says it in words', () => {
    const { csv, geojson } = placementExport(placement)
    const lines = parse(csv)
    expect(lines[1].startsWith('1,Dovecot Street,-1.31,54.56,12.5,8,32.5,40.6,150,')).toBe(true)
    expect(lines[2].startsWith('2,,-1.32,54.57,4,1,36.5,45.6,150,')).toBe(true)
    expect(JSON.parse(geojson).features).toHaveLength(2)
    expect(describePick(placement.picks[0])).toBe(
      'Camera 1 at 54.56000, -1.31000 (Dovecot Street) newly covers 12.5 harm (8 incidents) beyond today\u2019s cameras and the picks before it; coverage would then be 41% of harm.',
    )
    expect(describeUplift(placement)).toBe('Together the 2 cameras would cover 16.5 more harm (9 incidents): from 25% of harm today to 46%.')
    expect(describeUplift({ ...placement, picks: [] })).toContain('No candidate site')
  })

  it('names files by what and when', () => {
    expect(exportFileName('gaps', '2026-12-02', 'geojson')).toBe('patrolmap-cctv-gaps-2026-12-02.geojson')
    expect(formatShare(0.042)).toBe('4.2%')
    expect(formatShare(null)).toBe('no incidents')
  })
})

describe('a camera in words', () => {
  it('says what it faces and which of the values its type uses are assumed (a fixed camera has no operating radius)', () => {
    const fixed = { ...camera, assumed: { ...camera.assumed, radiusM: true } }
    expect(describeCamera(fixed)).toBe('Fixed camera · Working · facing 90° (east), 60° wide, range 100 m · assumed: mounting height, field of view')
    const drone = { ...camera, type: 'drone' as const, status: 'faulty' as const, assumed: { ...camera.assumed, type: true, radiusM: true, fovDeg: true } }
    expect(describeCamera(drone)).toBe('Drone (type assumed) · Faulty · radius 0 m · assumed: mounting height, operating radius')
  })
})
