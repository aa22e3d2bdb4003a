// GET /api/wards and /api/councils against plain SQL on three months of real data.
import { describe, expect, it } from 'vitest'
import { useThreeMonths } from '../../../../tests/support/three-months.js'

const { json, sql } = useThreeMonths()
const ASB = 'Anti-social behaviour'

describe('GET /api/wards and /api/councils', () => {
  it('gives every ward with its count for the filter', async () => {
    const body = await json(`/api/wards?categories=${encodeURIComponent(ASB)}`)
    expect(body.type).toBe('FeatureCollection')
    expect(body.features).toHaveLength(83)
    const counts = await sql(`SELECT l.ward_code, count(*)::int AS count FROM incidents i JOIN locations l ON l.id = i.location_id
                                WHERE i.category = $1 AND l.ward_code IS NOT NULL GROUP BY 1`, [ASB])
    const expected = Object.fromEntries(counts.map((row) => [row.ward_code, row.count]))
    for (const feature of body.features) {
      expect(feature.properties.count, feature.properties.name).toBe(expected[feature.properties.code] ?? 0)
      expect(feature.geometry.type).toBe('MultiPolygon')
    }
  })

  it('gives the four council outlines', async () => {
    const body = await json('/api/councils')
    expect(body.features.map((feature: { properties: { name: string } }) => feature.properties.name)).toEqual([
      'Hartlepool', 'Middlesbrough', 'Redcar and Cleveland', 'Stockton-on-Tees',
    ])
  })
})
