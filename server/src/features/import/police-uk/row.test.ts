import { describe, expect, it } from 'vitest'
import { validatePoliceUkRow, type PoliceUkRecord } from './row.js'

const goodRow: PoliceUkRecord = {
  'Crime ID': '',
  Month: '2024-07',
  'Reported by': 'Cleveland Police',
  'Falls within': 'Cleveland Police',
  Longitude: '-1.316451',
  Latitude: '54.563521',
  Location: 'On or near High Street',
  'LSOA code': 'E01033472',
  'LSOA name': 'Stockton-on-Tees 014F',
  'Crime type': 'Anti-social behaviour',
  'Last outcome category': '',
  Context: '',
}

const reasonFor = (changes: PoliceUkRecord) => {
  const result = validatePoliceUkRow({ ...goodRow, ...changes })
  return result.ok ? null : result.reason
}

describe('validatePoliceUkRow', () => {
  it('accepts a good ASB row and keeps its fields', () => {
    const result = validatePoliceUkRow(goodRow)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.incident).toMatchObject({
      month: '2024-07', crimeId: null, lon: -1.316451, lat: 54.563521, location: 'On or near High Street',
      lsoaCode: 'E01033472', category: 'Anti-social behaviour', outcome: null,
    })
  })

  it('gives identical rows the same identity and different rows different ones', () => {
    const first = validatePoliceUkRow(goodRow)
    const again = validatePoliceUkRow({ ...goodRow })
    const elsewhere = validatePoliceUkRow({ ...goodRow, Location: 'On or near Church Road' })
    if (!first.ok || !again.ok || !elsewhere.ok) throw new Error('rows should be valid')
    expect(again.incident.identity).toBe(first.incident.identity)
    expect(elsewhere.incident.identity).not.toBe(first.incident.identity)
  })

  it('leaves the outcome out of the identity, since police.uk updates outcomes', () => {
    const first = validatePoliceUkRow({ ...goodRow, 'Crime type': 'Burglary', 'Crime ID': 'abc' })
    const updated = validatePoliceUkRow({ ...goodRow, 'Crime type': 'Burglary', 'Crime ID': 'abc', 'Last outcome category': 'Under investigation' })
    if (!first.ok || !updated.ok) throw new Error('rows should be valid')
    expect(updated.incident.identity).toBe(first.incident.identity)
  })

  it.each([
    [{ Month: '' }, 'Month is missing'],
    [{ Month: '2024-13' }, "Month '2024-13' is not a month like 2024-07"],
    [{ Month: '07/2024' }, "Month '07/2024' is not a month like 2024-07"],
    [{ Longitude: '' }, 'Longitude is missing'],
    [{ Latitude: '  ' }, 'Latitude is missing'],
    [{ Longitude: 'abc' }, "Longitude 'abc' is not a number"],
    [{ Latitude: '1e3' }, "Latitude '1e3' is not a number"],
    [{ Longitude: '12.5' }, 'Longitude 12.5 is outside Great Britain (-8.75 to 1.9)'],
    [{ Latitude: '48.9' }, 'Latitude 48.9 is outside Great Britain (49.8 to 60.95)'],
    [{ 'Crime type': '' }, 'Crime type is missing'],
    [{ 'Crime type': 'Littering' }, "Crime type 'Littering' is not a police.uk category"],
  ])('rejects %o: %s', (changes, reason) => {
    expect(reasonFor(changes as PoliceUkRecord)).toBe(reason)
  })
})
