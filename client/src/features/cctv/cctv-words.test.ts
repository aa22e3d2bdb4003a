import { describe, expect, it } from 'vitest'
import { describeCouncillorWard, describeWardActivity } from './cctv-words'

describe('activity in words', () => {
  it('says what a ward\u2019s cameras did, one or many', () => {
    const ward = { ward: { code: 'E05014882', name: 'Stockton Town Centre', councilName: 'Stockton-on-Tees' }, cameras: 2, cameraMonths: 3, incidentsSpotted: 14, assistedArrests: 1, footageRequests: 5, firstMonth: '2024-03', lastMonth: '2024-04' }
    expect(describeWardActivity(ward)).toBe('In Stockton Town Centre, 2 cameras spotted 14 incidents, helped with 1 arrest and answered 5 footage requests (3 monthly returns, 2024-03 to 2024-04).')
    expect(describeWardActivity({ ...ward, ward: null, cameras: 1, cameraMonths: 1, incidentsSpotted: 1, assistedArrests: 0, footageRequests: 1, lastMonth: '2024-03' })).toBe(
      'Outside the wards loaded, 1 camera spotted 1 incident, helped with no arrests and answered 1 footage request (1 monthly return, 2024-03).',
    )
  })
})

describe('a councillor\u2019s ward coverage in words', () => {
  const ward = { code: 'E05014882', name: 'Stockton Town Centre', councilName: 'Stockton-on-Tees', cameras: 4, incidents: 40, coveredIncidents: 12, notCoveredIncidents: 28, incidentShare: 0.3, harmShare: 0.254 }
  it('gives the counts and shares when none is small', () => {
    expect(describeCouncillorWard(ward, '2024-03')).toBe(
      'In Stockton Town Centre in Mar 2024, 12 of 40 incidents (30%) happened at map points inside a working camera\u2019s view; 28 did not. Weighted by harm, 25% was in view.',
    )
  })
  it('shows a small count as protected and gives no share', () => {
    expect(describeCouncillorWard({ ...ward, incidents: '>=28', coveredIncidents: '<3', notCoveredIncidents: 28, incidentShare: null, harmShare: null }, '2024-03')).toBe(
      'In Stockton Town Centre in Mar 2024, <3 of \u2265 28 incidents happened at map points inside a working camera\u2019s view; 28 did not. Shares are not shown when a count is small.',
    )
  })
})
