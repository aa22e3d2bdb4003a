import { describe, expect, it } from 'vitest'
import { compassPoint, isGenericPlace, locationName, stripOnOrNear, uniqueNames } from './place-names.js'

const tally = (entries: [string, number][]) => new Map(entries)
const TOWN = tally([['Stockton Town Centre', 10]])

describe('police.uk place names', () => {
  it('strips "On or near" and knows the generic point types, whatever their case', () => {
    expect(stripOnOrNear('On or near High Street')).toBe('High Street')
    expect(stripOnOrNear('On or near')).toBe('')
    expect(isGenericPlace('Parking Area')).toBe(true)
    expect(isGenericPlace('Sports/recreation Area')).toBe(true)
    expect(isGenericPlace('')).toBe(true)
    expect(isGenericPlace('Parkway Shopping Centre')).toBe(false)
  })
})

describe('locationName', () => {
  it('names the busiest two non-generic streets and the ward, passing over generic places', () => {
    const places = tally([['On or near Parking Area', 50], ['On or near High Street', 30], ['On or near Dovecot Street', 20], ['On or near Yarm Lane', 5], ['On or near', 40]])
    expect(locationName({ places, wards: TOWN })).toBe('High Street & Dovecot Street · Stockton Town Centre')
  })

  it('names a second ward holding at least a quarter of the incidents', () => {
    const places = tally([['On or near High Street', 10]])
    expect(locationName({ places, wards: tally([['Newtown', 30], ['Stockton Town Centre', 10]]) })).toBe('High Street · Newtown / Stockton Town Centre')
    expect(locationName({ places, wards: tally([['Newtown', 31], ['Stockton Town Centre', 9]]) })).toBe('High Street · Newtown')
  })

  it('qualifies a generic place by the nearest named street, else by its ward, never leaving it alone', () => {
    const places = tally([['On or near Parking Area', 50], ['On or near', 5]])
    expect(locationName({ places, wards: TOWN, nearestStreet: 'High Street' })).toBe('Parking Area off High Street · Stockton Town Centre')
    expect(locationName({ places, wards: TOWN, nearestStreet: null })).toBe('Parking Area, Stockton Town Centre ward')
    expect(locationName({ places, wards: tally([['Newtown', 5], ['Stockton Town Centre', 5]]) })).toBe('Parking Area, Newtown / Stockton Town Centre wards')
  })
})

describe('uniqueNames', () => {
  const at = (lon: number, lat: number) => ({ lon, lat })

  it('lists a third street where two names clash and that tells them apart', () => {
    const names = uniqueNames([
      { places: tally([['On or near A Road', 9], ['On or near B Road', 8], ['On or near C Road', 1]]), wards: TOWN, centre: at(-1.3, 54.5) },
      { places: tally([['On or near A Road', 9], ['On or near B Road', 8], ['On or near D Road', 1]]), wards: TOWN, centre: at(-1.3, 54.6) },
      { places: tally([['On or near E Road', 9]]), wards: TOWN, centre: at(-1.3, 54.6) },
    ])
    expect(names).toEqual(['A Road & B Road & C Road · Stockton Town Centre', 'A Road & B Road & D Road · Stockton Town Centre', 'E Road · Stockton Town Centre'])
  })

  it('then says where each lies among them, then numbers them in rank order', () => {
    const same = { places: tally([['On or near Parking Area', 9]]), wards: TOWN }
    expect(uniqueNames([{ ...same, centre: at(-1.3, 54.6) }, { ...same, centre: at(-1.3, 54.5) }])).toEqual([
      'Parking Area, Stockton Town Centre ward (north)',
      'Parking Area, Stockton Town Centre ward (south)',
    ])
    expect(uniqueNames([{ ...same, centre: at(-1.3, 54.6) }, { ...same, centre: at(-1.3, 54.6) }])).toEqual([
      'Parking Area, Stockton Town Centre ward (1)',
      'Parking Area, Stockton Town Centre ward (2)',
    ])
  })

  it('reads compass points with longitude scaled by latitude', () => {
    expect(compassPoint(at(0, 54), at(0.01, 54))).toBe('east')
    expect(compassPoint(at(0, 54), at(-0.01, 54.01))).toBe('north-west')
  })
})
