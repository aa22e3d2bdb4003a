import { describe, expect, it } from 'vitest'
import { cellIncidentsUrl, hexDetailUrl } from './hex-detail-api'

describe('hex detail URLs', () => {
  const filters = { from: '2024-01', to: '2024-03', categories: ['Anti-social behaviour', 'Drugs'] }

  it('asks for the cell over the map\u2019s period and categories', () => {
    expect(hexDetailUrl('89194655b83ffff', filters)).toBe('/api/hexes/89194655b83ffff/detail?from=2024-01&to=2024-03&categories=Anti-social%20behaviour%2CDrugs')
    expect(hexDetailUrl('89194655b83ffff', { from: null, to: null, categories: [] })).toBe('/api/hexes/89194655b83ffff/detail')
  })

  it('pages the cell\u2019s incidents by cursor', () => {
    expect(cellIncidentsUrl('89194655b83ffff', filters, 25)).toBe(
      '/api/incidents?cell=89194655b83ffff&from=2024-01&to=2024-03&categories=Anti-social%20behaviour%2CDrugs&limit=25',
    )
    expect(cellIncidentsUrl('89194655b83ffff', { from: null, to: null, categories: [] }, 25, '123')).toBe('/api/incidents?cell=89194655b83ffff&limit=25&cursor=123')
  })
})
