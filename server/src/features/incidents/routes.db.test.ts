// GET /api/incidents on three months of real data.
import { describe, expect, it } from 'vitest'
import { useThreeMonths } from '../../../../tests/support/three-months.js'

const { json, sql } = useThreeMonths()

describe('GET /api/incidents', () => {
  it('pages through a bounding box with a cursor, missing and repeating nothing', async () => {
    const bbox = '-1.33,54.55,-1.30,54.58'
    const seen: number[] = []
    let cursor: string | null = null
    do {
      const page: { items: { id: number }[]; nextCursor: string | null } = await json(
        `/api/incidents?bbox=${bbox}&limit=250${cursor ? `&cursor=${cursor}` : ''}`,
      )
      seen.push(...page.items.map((item) => item.id))
      cursor = page.nextCursor
    } while (cursor)
    const expected = await sql(
      `SELECT i.id FROM incidents i JOIN locations l ON l.id = i.location_id
        WHERE l.geom && ST_MakeEnvelope(-1.33, 54.55, -1.30, 54.58, 4326) ORDER BY i.id`,
    )
    expect(seen).toEqual(expected.map((row) => row.id))
    expect(seen.length).toBeGreaterThan(500)
  })
})
