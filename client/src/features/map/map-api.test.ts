import { describe, expect, it } from 'vitest'
import { hexesUrl, summaryUrl, wardsUrl } from './map-api'

const filters = {
  categories: ['Anti-social behaviour', 'Criminal damage and arson'],
  from: '2024-01',
  to: '2024-06',
  ward: 'E05009857',
}

describe('URL builders', () => {
  it('encodes categories as one comma-separated parameter', () => {
    expect(hexesUrl(8, filters)).toBe(
      '/api/hexes?res=8&from=2024-01&to=2024-06&categories=Anti-social%20behaviour%2CCriminal%20damage%20and%20arson&ward=E05009857',
    )
  })

  it('leaves out unset filters', () => {
    expect(summaryUrl({ categories: [], from: null, to: null, ward: null })).toBe('/api/summary')
    expect(hexesUrl(6, { categories: ['Drugs'], from: null, to: null, ward: null })).toBe(
      '/api/hexes?res=6&categories=Drugs',
    )
  })

  it('does not send the ward filter to the ward endpoint', () => {
    expect(wardsUrl(filters)).toBe(
      '/api/wards?from=2024-01&to=2024-06&categories=Anti-social%20behaviour%2CCriminal%20damage%20and%20arson',
    )
  })
})
