// GET /api/summary against plain SQL on three months of real data.
import { describe, expect, it } from 'vitest'
import { useThreeMonths } from '../../../../tests/support/three-months.js'

const { json, sql } = useThreeMonths()
const ASB = 'Anti-social behaviour'

describe('GET /api/summary', () => {
  it('matches plain SQL for totals, period and categories', async () => {
    const body = await json(`/api/summary?categories=${encodeURIComponent(ASB)}&from=2024-02&to=2024-03`)
    const [total] = await sql(
      `SELECT count(*)::int AS n FROM incidents WHERE category = $1 AND period_start >= '2024-02-01' AND period_start < '2024-04-01'`,
      [ASB],
    )
    expect(body.total).toBe(total.n)
    expect(body.period).toEqual({ from: '2024-01', to: '2024-03' })
    const categories = await sql(
      `SELECT category, count(*)::int AS count FROM incidents WHERE period_start >= '2024-02-01' AND period_start < '2024-04-01'
        GROUP BY category ORDER BY count DESC, category`,
    )
    expect(body.categories).toEqual(categories)
    expect(body.months.map((month: { month: string }) => month.month)).toEqual(['2024-02', '2024-03'])
    const [outside] = await sql(`SELECT count(*)::int AS n FROM incidents i JOIN locations l ON l.id = i.location_id
      WHERE l.ward_code IS NULL AND i.category = $1 AND i.period_start >= '2024-02-01' AND i.period_start < '2024-04-01'`, [ASB])
    expect(body.outsideArea).toBe(outside.n)
  })

  it('narrows the total to one ward', async () => {
    const [ward] = await sql(`SELECT code FROM wards WHERE name = 'Stockton Town Centre'`)
    const body = await json(`/api/summary?ward=${ward.code}`)
    const [total] = await sql(`SELECT count(*)::int AS n FROM incidents i JOIN locations l ON l.id = i.location_id WHERE l.ward_code = $1`, [ward.code])
    expect(body.total).toBe(total.n)
    expect(body.outsideArea).toBe(0)
  })
})
