import { describe, expect, it } from 'vitest'
import { parseViewState, serialiseViewState } from '../map/view-state-url'
import { DEFAULT_HOTSPOT_STATE, halfLifeOptions, knownCouncils, parseHotspotState, parseMapMode, serialiseHotspotState } from './hotspot-url'

describe('Hotspots mode in the address', () => {
  it('opens on the Incidents map unless the address says hotspots', () => {
    expect(parseMapMode('')).toBe('incidents')
    expect(parseMapMode('?mode=hotspots')).toBe('hotspots')
    expect(parseMapMode('?mode=other')).toBe('incidents')
  })

  it('defaults: Gi*, res 9, k 1, every council, FDR on, half-life 6 months, counts, monthly slices', () => {
    expect(parseHotspotState('')).toEqual({
      layer: 'gistar',
      res: 9,
      k: 1,
      councils: null,
      fdr: true,
      halfLife: 6,
      measure: 'count',
      slices: 'month',
    })
  })

  it('writes weekly slices into the address and leaves months out, so older links read the same', () => {
    const query = serialiseHotspotState('hotspots', { ...DEFAULT_HOTSPOT_STATE, layer: 'emerging', slices: 'week' })
    expect(query.endsWith('&slices=week')).toBe(true)
    expect(parseHotspotState(`?${query}`).slices).toBe('week')
    expect(serialiseHotspotState('hotspots', DEFAULT_HOTSPOT_STATE)).not.toContain('slices')
    expect(parseHotspotState('?slices=day').slices).toBe('month')
  })

  it('round-trips every control', () => {
    const state = { ...DEFAULT_HOTSPOT_STATE, layer: 'emerging' as const, res: 8 as const, k: 2 as const, councils: ['E06000004', 'E06000002'], fdr: false, halfLife: 3 }
    const query = serialiseHotspotState('hotspots', state)
    expect(query).toBe('mode=hotspots&layer=emerging&hres=8&k=2&lad=E06000002,E06000004&fdr=0&halfLife=3')
    expect(parseMapMode(`?${query}`)).toBe('hotspots')
    expect(parseHotspotState(`?${query}`)).toEqual({ ...state, councils: ['E06000002', 'E06000004'] })
  })

  it('writes harm into the address, and leaves counts out so older links read the same', () => {
    const query = serialiseHotspotState('hotspots', { ...DEFAULT_HOTSPOT_STATE, measure: 'harm' })
    expect(query.endsWith('&measure=harm')).toBe(true)
    expect(parseHotspotState(`?${query}`).measure).toBe('harm')
    expect(serialiseHotspotState('hotspots', DEFAULT_HOTSPOT_STATE)).not.toContain('measure')
    expect(parseHotspotState('?measure=severity').measure).toBe('count')
  })

  it('writes nothing on the Incidents map', () => {
    expect(serialiseHotspotState('incidents', { ...DEFAULT_HOTSPOT_STATE, k: 3 })).toBe('')
  })

  it('falls back field by field on bad values', () => {
    expect(parseHotspotState('?layer=heat&hres=12&k=7&lad=nonsense,&fdr=maybe&halfLife=0.1')).toEqual(DEFAULT_HOTSPOT_STATE)
    expect(parseHotspotState('?lad=E06000001,bad').councils).toEqual(['E06000001'])
    expect(parseHotspotState('?halfLife=').halfLife).toBe(6)
    expect(parseHotspotState('?fdr=false').fdr).toBe(false)
  })

  it('lives beside the map view: each reader ignores the other’s parameters', () => {
    const view = serialiseViewState({ lat: 54.57, lon: -1.31, zoom: 12, categories: ['Burglary'], preset: null, from: '2024-01', to: '2024-03', ward: null, res: 'auto' })
    const search = `?${view}&${serialiseHotspotState('hotspots', { ...DEFAULT_HOTSPOT_STATE, res: 10 })}`
    expect(parseViewState(search)).toMatchObject({ res: 'auto', categories: ['Burglary'], from: '2024-01' })
    expect(parseHotspotState(search).res).toBe(10)
  })

  it('offers the usual half-lives and keeps an unusual one from a link', () => {
    expect(halfLifeOptions(6)).toEqual([1, 2, 3, 4, 6, 9, 12, 18, 24])
    expect(halfLifeOptions(5)).toEqual([1, 2, 3, 4, 5, 6, 9, 12, 18, 24])
  })

  it('keeps only councils the data has; none or all of them means every council', () => {
    const available = [{ code: 'E06000001' }, { code: 'E06000002' }, { code: 'E06000003' }, { code: 'E06000004' }]
    expect(knownCouncils(['E06000099', 'E06000004'], available)).toEqual(['E06000004'])
    expect(knownCouncils(['E06000099'], available)).toBeNull()
    expect(knownCouncils(available.map((council) => council.code), available)).toBeNull()
    expect(knownCouncils(null, available)).toBeNull()
    expect(knownCouncils([], available)).toBeNull()
  })
})
