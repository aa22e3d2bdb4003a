// The change against the equal period before, on every route that gives one, against plain SQL on three months of real
// data (2024-01 to 2024-03): a period whose previous one is wholly in the data, partly before it, and wholly before it.
import { describe, expect, it } from 'vitest'
import { useThreeMonths } from '../../../../tests/support/three-months.js'

const { json, sql } = useThreeMonths()
const ASB = 'Anti-social behaviour'
const STOCKTON = 'E06000004'
const monthOf = `to_char(i.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM')`

/** Incidents per ward under the filter in the months from..to, as plain SQL over incidents ⋈ locations counts them. */
async function wardCounts(from: string, to: string, category: string | null): Promise<Map<string, number>> {
  const rows = await sql(
    `SELECT l.ward_code, count(*)::int AS n FROM incidents i JOIN locations l ON l.id = i.location_id
      WHERE l.ward_code IS NOT NULL AND ${monthOf} BETWEEN $1 AND $2 AND ($3::text IS NULL OR i.category = $3) GROUP BY 1`,
    [from, to, category],
  )
  return new Map(rows.map((row) => [row.ward_code, row.n]))
}

describe('the comparison with the period before', () => {
  it('summary: the total in the month before, under the same filter, when the data covers it', async () => {
    const body = await json(`/api/summary?from=2024-03&to=2024-03&categories=${encodeURIComponent(ASB)}`)
    expect(body.comparison).toEqual({ period: { from: '2024-02', to: '2024-02' }, months: 1, monthsWithData: 1 })
    const [before] = await sql(`SELECT count(*)::int AS n FROM incidents i WHERE ${monthOf} = '2024-02' AND i.category = $1`, [ASB])
    expect(body.previousTotal).toBe(before.n)
    expect(body.previousTotal).toBeGreaterThan(0)

    const [ward] = await sql(`SELECT code FROM wards WHERE name = 'Stockton Town Centre'`)
    const inWard = await json(`/api/summary?from=2024-03&to=2024-03&ward=${ward.code}`)
    expect(inWard.previousTotal).toBe((await wardCounts('2024-02', '2024-02', null)).get(ward.code))
  })

  it('summary: no figure before when the earlier period is partly or wholly before the data', async () => {
    const partly = await json('/api/summary?from=2024-02&to=2024-03')
    expect(partly.comparison).toEqual({ period: { from: '2023-12', to: '2024-01' }, months: 2, monthsWithData: 1 })
    expect(partly.previousTotal).toBeNull()
    const whole = await json('/api/summary')
    expect(whole.comparison).toEqual({ period: { from: '2023-10', to: '2023-12' }, months: 3, monthsWithData: 0 })
    expect(whole.previousTotal).toBeNull()
  })

  it('wards: each ward\u2019s count in the months before, as plain SQL counts it; null where not comparable', async () => {
    const body = await json(`/api/wards?from=2024-03&to=2024-03&categories=${encodeURIComponent(ASB)}`)
    expect(body.comparison).toEqual({ period: { from: '2024-02', to: '2024-02' }, months: 1, monthsWithData: 1 })
    const now = await wardCounts('2024-03', '2024-03', ASB)
    const before = await wardCounts('2024-02', '2024-02', ASB)
    for (const feature of body.features) {
      expect(feature.properties.count, feature.properties.name).toBe(now.get(feature.properties.code) ?? 0)
      expect(feature.properties.previousCount, feature.properties.name).toBe(before.get(feature.properties.code) ?? 0)
    }
    const partly = await json('/api/wards?from=2024-02&to=2024-03')
    expect(partly.comparison.monthsWithData).toBe(1)
    expect(partly.features.every((feature: { properties: { previousCount: number | null } }) => feature.properties.previousCount === null)).toBe(true)
    const whole = await json('/api/wards')
    expect(whole.features.every((feature: { properties: { previousCount: number | null } }) => feature.properties.previousCount === null)).toBe(true)
    expect(whole.comparison.monthsWithData).toBe(0)
  })

  it('top wards: "no earlier data" is no figure, not a change from nothing', async () => {
    const body = await json(`/api/hotspots/top-wards?lad=${STOCKTON}`)
    expect(body.period).toEqual({ from: '2024-01', to: '2024-03' })
    expect(body.comparison).toEqual({ period: { from: '2023-10', to: '2023-12' }, months: 3, monthsWithData: 0 })
    expect(body.wards.length).toBeGreaterThan(0)
    for (const ward of body.wards) expect([ward.previous, ward.previousHarm, ward.change, ward.changeRatio]).toEqual([null, null, null, null])

    const partly = await json(`/api/hotspots/top-wards?lad=${STOCKTON}&from=2024-02`)
    expect(partly.comparison).toMatchObject({ months: 2, monthsWithData: 1 })
    expect(partly.wards[0].previous).toBeNull()

    const compared = await json(`/api/hotspots/top-wards?lad=${STOCKTON}&from=2024-02&to=2024-02`)
    const before = await wardCounts('2024-01', '2024-01', null)
    for (const ward of compared.wards) {
      expect(ward.previous, ward.name).toBe(before.get(ward.code) ?? 0)
      expect(ward.change, ward.name).toBe(ward.incidents - ward.previous)
    }
  })

  it('problem locations: the incidents in their cells in the months before, as plain SQL counts them', async () => {
    const query = `res=9&lad=${STOCKTON}&categories=${encodeURIComponent(ASB)}&from=2024-03&to=2024-03&limit=20`
    const body = await json(`/api/hotspots/problem-locations?${query}`)
    expect(body.comparison).toEqual({ period: { from: '2024-02', to: '2024-02' }, months: 1, monthsWithData: 1 })
    expect(body.locations.length).toBeGreaterThan(0)
    for (const location of body.locations as { cells: string[]; incidents: number; previous: { incidents: number; harm: number } }[]) {
      const [counted] = await sql(
        `SELECT count(*) FILTER (WHERE ${monthOf} = '2024-03')::int AS now,
                count(*) FILTER (WHERE ${monthOf} = '2024-02')::int AS before,
                coalesce(sum(h.weight) FILTER (WHERE ${monthOf} = '2024-02'), 0)::float8 AS before_harm
           FROM incidents i JOIN locations l ON l.id = i.location_id JOIN harm_weights h ON h.category = i.category
          WHERE h3_to_string(l.h3_res9) = ANY ($1) AND i.category = $2`,
        [location.cells, ASB],
      )
      expect(location.incidents).toBe(counted.now)
      expect(location.previous.incidents).toBe(counted.before)
      expect(location.previous.harm).toBeCloseTo(counted.before_harm, 6)
    }
    const whole = await json(`/api/hotspots/problem-locations?res=9&lad=${STOCKTON}&limit=5`)
    expect(whole.comparison.monthsWithData).toBe(0)
    expect(whole.locations.every((location: { previous: unknown }) => location.previous === null)).toBe(true)
  })
})
