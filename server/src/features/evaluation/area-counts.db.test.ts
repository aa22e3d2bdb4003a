// The evaluation's counts in a task area, its ring and a control, on four months of real police.uk data, against plain
// SQL over incidents ⋈ locations: each region's incidents by category and period, and their harm.
import { cellsToMultiPolygon, gridDisk, latLngToCell } from 'h3-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boundaryFiles, policeUkFile, startTestApp, type TestApp } from '../../../../tests/support/test-app.js'
import { countAreas, harmParts, type AreaCounts, type AreaCountsRequest } from './area-counts.js'
import { readWdd } from './read-wdd.js'
import { wdd, wddHarm } from './wdd.js'

const ASB = 'Anti-social behaviour'
const BEFORE = { from: '2024-01', to: '2024-02' }
const AFTER = { from: '2024-03', to: '2024-04' }

let testApp: TestApp
/** A patrol-sized task area: the res-9 cell of the busiest point in the data and its six neighbours (about 0.6 km²). */
let area: string
/** The busiest ward at least 2 km from the task area, as pg returns its geometry (hex EWKB). */
let control: string

const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows

/** Cells as WKT, as the client would send a task area drawn from cells. */
function cellsWkt(cells: string[]): string {
  const polygons = cellsToMultiPolygon(cells, true)
  const ring = (points: number[][]) => `(${points.map(([lon, lat]) => `${lon} ${lat}`).join(', ')})`
  return `MULTIPOLYGON(${polygons.map((polygon) => `(${polygon.map(ring).join(', ')})`).join(', ')})`
}

beforeAll(async () => {
  testApp = await startTestApp({ data: [...boundaryFiles, ...['2024-01', '2024-02', '2024-03', '2024-04'].map(policeUkFile)] })
  const [busiest] = await sql(`SELECT l.lat, l.lon FROM incidents i JOIN locations l ON l.id = i.location_id
                                GROUP BY l.id ORDER BY count(*) DESC, l.id LIMIT 1`)
  area = cellsWkt(gridDisk(latLngToCell(busiest.lat, busiest.lon, 9), 1))
  const [ward] = await sql(
    `SELECT w.geom FROM wards w JOIN locations l ON l.ward_code = w.code JOIN incidents i ON i.location_id = l.id
      WHERE NOT ST_DWithin(w.geom::geography, ST_GeomFromText($1, 4326)::geography, 2000)
      GROUP BY w.code ORDER BY count(*) DESC, w.code LIMIT 1`,
    [area],
  )
  control = ward.geom
}, 120_000)
afterAll(() => testApp?.close())

/**
 * The same counts the plain way: each incident's point tested against each region's own polygon (the ring as the
 * buffer less the area, the control less the buffer), so a point counted in two regions would show.
 */
async function plainCounts(regions: { area: string; control: string; bufferMetres: number }, categories: string[] | null) {
  return sql(
    `WITH given AS (SELECT ST_GeomFromText($1, 4326) AS area, $2::geometry AS control,
                           ST_Buffer(ST_GeomFromText($1, 4326)::geography, $3)::geometry AS buffered),
          shapes AS (SELECT area, ST_Difference(buffered, area) AS ring, ST_Difference(control, buffered) AS control FROM given)
     SELECT v.region, CASE WHEN to_char(i.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') <= $5 THEN 'before' ELSE 'after' END AS period,
            i.category, count(*)::int AS incidents, sum(coalesce(hw.weight, 0))::float8 AS harm
       FROM incidents i
       JOIN locations l ON l.id = i.location_id
       LEFT JOIN harm_weights hw ON hw.category = i.category
      CROSS JOIN shapes s
      CROSS JOIN LATERAL (VALUES ('treated', ST_Intersects(s.area, l.geom)), ('buffer', ST_Intersects(s.ring, l.geom)),
                                 ('control', ST_Intersects(s.control, l.geom))) AS v (region, inside)
      WHERE v.inside
        AND to_char(i.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') BETWEEN $4 AND $6
        AND ($7::text[] IS NULL OR i.category = ANY ($7))
      GROUP BY 1, 2, 3`,
    [regions.area, regions.control, regions.bufferMetres, BEFORE.from, BEFORE.to, AFTER.to, categories],
  )
}

/** countAreas' categories as plain rows (region, period, category, incidents), leaving out zeros. */
function asRows(counts: AreaCounts) {
  return counts.categories.flatMap((entry) =>
    (['treated', 'buffer', 'control'] as const).flatMap((region) =>
      (['before', 'after'] as const)
        .map((period, i) => ({ region, period, category: entry.category, incidents: entry[region][i] }))
        .filter((row) => row.incidents !== 0),
    ),
  )
}

const byKey = (a: { region: string; period: string; category: string }, b: { region: string; period: string; category: string }) =>
  `${a.region}|${a.period}|${a.category}`.localeCompare(`${b.region}|${b.period}|${b.category}`)

function request(overrides: Partial<AreaCountsRequest> = {}): AreaCountsRequest {
  return { area, control, before: BEFORE, after: AFTER, categories: null, ...overrides }
}

describe('countAreas on real data', () => {
  it('counts each region, period and category as plain SQL over incidents ⋈ locations does', async () => {
    const counts = await countAreas(testApp.pool, request())
    const plain = await plainCounts({ area, control, bufferMetres: 250 }, null)
    expect(asRows(counts).sort(byKey)).toEqual(plain.map(({ harm: _harm, ...row }) => row).sort(byKey))
    // A real comparison: every region has incidents in both periods, the task area a few hundred.
    for (const region of ['treated', 'buffer', 'control'] as const) {
      expect(Math.min(...counts.counts[region]), region).toBeGreaterThan(0)
    }
    expect(counts.counts.treated[0]).toBeGreaterThan(100)
  })

  it('gives each region\'s harm as plain SQL adds up the harm weights', async () => {
    const counts = await countAreas(testApp.pool, request())
    const plain = await plainCounts({ area, control, bufferMetres: 250 }, null)
    for (const region of ['treated', 'buffer', 'control'] as const) {
      ;(['before', 'after'] as const).forEach((period, i) => {
        const expected = plain.filter((row) => row.region === region && row.period === period).reduce((sum, row) => sum + row.harm, 0)
        expect(counts.harm[region][i], `${region} ${period}`).toBeCloseTo(expected, 6)
      })
    }
  })

  it('widens the ring when asked, and counts a control that overlaps the task area and ring only outside them', async () => {
    const [wider] = await sql('SELECT ST_AsEWKT(ST_Buffer(ST_GeomFromText($1, 4326)::geography, 600)::geometry) AS geom', [area])
    const counts = await countAreas(testApp.pool, request({ control: wider.geom, bufferMetres: 400 }))
    const plain = await plainCounts({ area, control: wider.geom, bufferMetres: 400 }, null)
    expect(asRows(counts).sort(byKey)).toEqual(plain.map(({ harm: _harm, ...row }) => row).sort(byKey))
    const standard = await countAreas(testApp.pool, request())
    expect(counts.counts.treated).toEqual(standard.counts.treated)
    expect(counts.counts.buffer[0]).toBeGreaterThan(standard.counts.buffer[0])
  })

  it('counts only the categories asked for', async () => {
    const counts = await countAreas(testApp.pool, request({ categories: [ASB] }))
    expect(counts.categories.map((entry) => entry.category)).toEqual([ASB])
    const plain = await plainCounts({ area, control, bufferMetres: 250 }, [ASB])
    expect(asRows(counts).sort(byKey)).toEqual(plain.map(({ harm: _harm, ...row }) => row).sort(byKey))
  })

  it('gives wdd and wddHarm what they need, and readWdd what it reads', async () => {
    const counts = await countAreas(testApp.pool, request())
    const { treated, control: controlled, buffer } = counts.counts
    const result = wdd({ treated, control: controlled, displacementTreated: buffer })
    expect(result.estLocal).toBe(treated[1] - treated[0] - (controlled[1] - controlled[0]))
    expect(result.estDisplace).toBe(buffer[1] - buffer[0])

    const harm = wddHarm(harmParts(counts.categories))
    const h = counts.harm
    expect(harm.estTotal).toBeCloseTo(h.treated[1] - h.treated[0] - (h.control[1] - h.control[0]) + (h.buffer[1] - h.buffer[0]), 6)

    const reading = readWdd(harm, { measure: 'harm', counts: counts.counts, harm: counts.harm, bufferMetres: 250, periodMonths: 2, monthsOnly: true, overlappingTasks: [] })
    expect(reading.findings[0]).toMatch(/^In the task area, harm (fell|rose|stayed)/)
    expect(reading.limits.map((limit) => limit.split(':')[0])).toEqual(expect.arrayContaining(['Short periods', 'Months only', 'Harm']))
  })

  it('refuses periods out of order', async () => {
    await expect(countAreas(testApp.pool, request({ before: AFTER, after: BEFORE }))).rejects.toThrow(/must end before/)
  })
})
