import { describe, expect, it } from 'vitest'
import {
  concentrationUrl,
  emergingUrl,
  forecastAccuracyUrl,
  gistarUrl,
  problemLocationsUrl,
  topWardsUrl,
  type HotspotParams,
} from './hotspot-api'

const params: HotspotParams = { res: 9, k: 2, councils: ['E06000004', 'E06000002'], fdr: false, halfLife: 3, measure: 'count' }
const filters = { categories: ['Anti-social behaviour', 'Drugs'], from: '2024-01', to: '2024-06', ward: 'E05009857' }
const paramsOf = (url: string) => Object.fromEntries(new URL(url, 'http://local').searchParams)

describe('hotspot request URLs', () => {
  it('ask Gi* and emerging with every setting and the shared filters', () => {
    const expected = {
      res: '9',
      lad: 'E06000002,E06000004',
      categories: 'Anti-social behaviour,Drugs',
      from: '2024-01',
      to: '2024-06',
      ward: 'E05009857',
      k: '2',
      fdr: 'false',
    }
    expect(gistarUrl(params, filters).startsWith('/api/hotspots/gistar?')).toBe(true)
    expect(paramsOf(gistarUrl(params, filters))).toEqual(expected)
    expect(paramsOf(emergingUrl(params, filters))).toEqual(expected)
  })

  it('ask problem locations with the half-life and the limit', () => {
    expect(paramsOf(problemLocationsUrl(params, filters, 20))).toMatchObject({ halfLife: '3', limit: '20', k: '2', fdr: 'false' })
  })

  it('leave out what an analysis does not use, so changing it does not ask again', () => {
    expect(paramsOf(concentrationUrl(params, filters))).not.toHaveProperty('k')
    expect(paramsOf(concentrationUrl(params, filters))).not.toHaveProperty('fdr')
    expect(paramsOf(forecastAccuracyUrl(params, filters))).toMatchObject({ lookback: '3', top: '0.05', res: '9' })
    // The ward ranking takes neither a ward nor a resolution (the server refuses unknown parameters).
    expect(paramsOf(topWardsUrl(params, filters))).toEqual({
      from: '2024-01',
      to: '2024-06',
      categories: 'Anti-social behaviour,Drugs',
      lad: 'E06000002,E06000004',
      limit: '5',
    })
  })

  it('ask every analysis for harm when harm is the measure, and say nothing for counts (the server\u2019s default)', () => {
    const harm = { ...params, measure: 'harm' as const }
    for (const url of [gistarUrl(harm, filters), emergingUrl(harm, filters), problemLocationsUrl(harm, filters, 20), concentrationUrl(harm, filters), forecastAccuracyUrl(harm, filters), topWardsUrl(harm, filters)]) {
      expect(paramsOf(url).measure, url).toBe('harm')
    }
    expect(paramsOf(gistarUrl(params, filters))).not.toHaveProperty('measure')
  })

  it('leave out open ends, every council and no ward', () => {
    const open = { categories: ['Burglary'], from: null, to: null, ward: null }
    expect(gistarUrl({ ...params, councils: null }, open)).toBe('/api/hotspots/gistar?res=9&categories=Burglary&k=2&fdr=false')
  })
})
