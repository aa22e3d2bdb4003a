import { describe, expect, it } from 'vitest'
import { defaultViewState, hasCamera, isWeekFrame, parseMapPageView, parseViewState, serialiseMapPageView, serialiseViewState, type ViewState } from './view-state-url'

describe('parseViewState', () => {
  it('gives the Cleveland default view with ASB selected when there is no query', () => {
    expect(parseViewState('')).toEqual({
      lat: 54.58,
      lon: -1.23,
      zoom: 10.5,
      categories: ['Anti-social behaviour'],
      preset: null,
      from: null,
      to: null,
      ward: null,
      res: 'auto',
      frame: null,
    })
  })

  it('reads every field', () => {
    const state = parseViewState(
      '?lat=54.57&lon=-1.31&zoom=13.25&categories=Burglary,Vehicle%20crime&from=2024-01&to=2024-06&ward=E05009857&res=9',
    )
    expect(state).toEqual({
      lat: 54.57,
      lon: -1.31,
      zoom: 13.25,
      categories: ['Burglary', 'Vehicle crime'],
      preset: null,
      from: '2024-01',
      to: '2024-06',
      ward: 'E05009857',
      res: 9,
      frame: null,
    })
  })

  it('falls back field by field on bad values', () => {
    const state = parseViewState('lat=abc&lon=500&zoom=-3&from=2024-13&to=june&ward=<script>&res=4')
    expect(state).toEqual(defaultViewState())
  })

  it('drops unknown categories and defaults when none are left', () => {
    expect(parseViewState('categories=Burglary,Nonsense').categories).toEqual(['Burglary'])
    expect(parseViewState('categories=Nonsense').categories).toEqual(['Anti-social behaviour'])
  })

  it('keeps an explicitly empty category list', () => {
    expect(parseViewState('categories=').categories).toEqual([])
  })

  it('rejects a reversed month range', () => {
    const state = parseViewState('from=2024-06&to=2024-01')
    expect(state.from).toBeNull()
    expect(state.to).toBeNull()
  })

  it('accepts an open-ended range', () => {
    expect(parseViewState('from=2024-06').from).toBe('2024-06')
    expect(parseViewState('to=2024-06').to).toBe('2024-06')
  })

  it('treats res=auto and empty res as automatic', () => {
    expect(parseViewState('res=auto').res).toBe('auto')
    expect(parseViewState('res=').res).toBe('auto')
    expect(parseViewState('res=10').res).toBe(10)
    expect(parseViewState('res=8.5').res).toBe('auto')
  })
})

describe('serialiseViewState', () => {
  it('round-trips a full state', () => {
    const state: ViewState = {
      lat: 54.56789,
      lon: -1.23456,
      zoom: 12.75,
      categories: ['Anti-social behaviour', 'Criminal damage and arson', 'Theft from the person'],
      preset: null,
      from: '2023-04',
      to: '2025-02',
      ward: 'E05013038',
      res: 7,
      frame: '2024-03',
    }
    expect(parseViewState(serialiseViewState(state))).toEqual(state)
  })

  it('keeps a playback week (its Monday) as the frame, and drops a day that is not a Monday or not a date', () => {
    const state: ViewState = { ...defaultViewState(), from: '2025-01', to: '2025-03', frame: '2025-01-06' }
    expect(parseViewState(serialiseViewState(state))).toEqual(state)
    expect(parseViewState('frame=2025-01-07').frame).toBeNull()
    expect(parseViewState('frame=2025-02-31').frame).toBeNull()
    expect(parseViewState('frame=monday').frame).toBeNull()
    expect([isWeekFrame('2025-01-06'), isWeekFrame('2025-01'), isWeekFrame(null)]).toEqual([true, false, false])
  })

  it('keeps a period preset as itself, not as months, and lets it win over months beside it', () => {
    const state: ViewState = { ...defaultViewState(), preset: 'last-3-months' }
    const query = serialiseViewState(state)
    expect(query).toContain('period=last-3-months')
    expect(query).not.toContain('from=')
    expect(parseViewState(query)).toEqual(state)
    expect(parseViewState('period=last-month&from=2024-01&to=2024-03')).toMatchObject({ preset: 'last-month', from: null, to: null })
    expect(parseViewState('period=last-week&from=2024-01')).toMatchObject({ preset: null, from: '2024-01' })
  })

  it('round-trips the default state and an empty category list', () => {
    expect(parseViewState(serialiseViewState(defaultViewState()))).toEqual(defaultViewState())
    const none = { ...defaultViewState(), categories: [] }
    expect(parseViewState(serialiseViewState(none))).toEqual(none)
  })

  it('rounds the camera to sensible precision', () => {
    const query = serialiseViewState({ ...defaultViewState(), lat: 54.123456789, lon: -1.987654321, zoom: 10.123 })
    expect(query).toContain('lat=54.12346')
    expect(query).toContain('lon=-1.98765')
    expect(query).toContain('zoom=10.12')
  })

  it('omits unset optional filters and keeps category names readable', () => {
    const query = serialiseViewState(defaultViewState())
    expect(query).toBe('lat=54.58&lon=-1.23&zoom=10.5&categories=Anti-social%20behaviour&res=auto')
  })
})

describe('hasCamera', () => {
  it('is true only when the address names a valid centre', () => {
    expect(hasCamera('?lat=54.6&lon=-1.2&zoom=11')).toBe(true)
    expect(hasCamera('?lat=54.6&lon=-1.2')).toBe(true)
    expect(hasCamera('?zoom=11')).toBe(false)
    expect(hasCamera('?lat=95&lon=-1.2')).toBe(false)
    expect(hasCamera('')).toBe(false)
  })
})

describe('parseMapPageView and serialiseMapPageView', () => {
  it('round-trips the whole page: camera, filters, mode and the Hotspots controls', () => {
    const search =
      'lat=54.6&lon=-1.2&zoom=11&categories=Burglary,Robbery&from=2024-01&to=2024-03&ward=E05014882&res=8&mode=hotspots&layer=emerging&hres=8&k=2&lad=E06000004&fdr=0&halfLife=3&measure=harm'
    const view = parseMapPageView(`?${search}`)
    expect(view.camera).toEqual({ lat: 54.6, lon: -1.2, zoom: 11 })
    expect(view.filters).toEqual({ categories: ['Burglary', 'Robbery'], preset: null, from: '2024-01', to: '2024-03', ward: 'E05014882', res: 8, frame: null })
    expect(view.mode).toBe('hotspots')
    expect(view.hotspot).toMatchObject({ layer: 'emerging', res: 8, k: 2, councils: ['E06000004'], fdr: false, halfLife: 3, measure: 'harm' })
    expect(serialiseMapPageView(view)).toBe(search)
  })

  it('writes no Hotspots parameters on the Incidents map, so its links read as before', () => {
    const view = parseMapPageView('?lat=54.6&lon=-1.2&zoom=11&categories=Burglary&res=auto&layer=emerging')
    expect(view.mode).toBe('incidents')
    expect(serialiseMapPageView(view)).toBe('lat=54.6&lon=-1.2&zoom=11&categories=Burglary&res=auto')
  })
})
