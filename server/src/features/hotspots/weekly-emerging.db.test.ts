// Emerging hot spots on weekly slices (issue 15) against an independent computation: the illustrative Stockton ASB
// log's points put in cells by h3-js and in UK weeks by plain SQL, the study area from polygonToCells, and Gi* and
// Benjamini–Hochberg written out (tests/support/hotspot-references.ts). A police.uk month in the period is left out
// (months only).
import { gridDisk, latLngToCell, polygonToCells } from 'h3-js'
import type { MultiPolygon, Polygon } from 'geojson'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { normalSf } from '../../lib/normal.js'
import { referenceBh, referenceGiStar } from '../../../../tests/support/hotspot-references.js'
import { importIllustrativeLog } from '../../../../tests/support/illustrative-log.js'
import { boundaryFiles, policeUkFile, startTestApp, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js'

const ASB = 'Anti-social behaviour'
const STOCKTON = 'E06000004'

let testApp: TestApp
let analyst: SignedIn
const get = (url: string) => testApp.app.inject({ method: 'GET', url, headers: analyst.headers })
const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows

beforeAll(async () => {
  testApp = await startTestApp({ data: [...boundaryFiles, policeUkFile('2025-02')] })
  analyst = await testApp.signInAs('analyst')
  await importIllustrativeLog(testApp)
})
afterAll(() => testApp.close())

describe('GET /api/hotspots/emerging?slices=week', () => {
  it('runs Gi* week by week over the whole UK weeks of the timed log in the period, and says what it left out', async () => {
    const response = await get(`/api/hotspots/emerging?res=9&lad=${STOCKTON}&categories=${encodeURIComponent(ASB)}&from=2025-01&to=2025-03&slices=week`)
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json()
    // 1 January 2025 was a Wednesday, 31 March a Monday: the weeks of Monday 6 January to Monday 24 March.
    expect(body.slices).toBe('week')
    expect(body.months).toBe(12)
    expect(body.weeks.first).toBe('2025-01-06')
    expect(body.weeks.last).toBe('2025-03-24')
    const [left] = await sql(
      `SELECT count(*)::int AS n FROM incidents i
        WHERE i.category = $1 AND to_char(i.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') BETWEEN '2025-01' AND '2025-03'
          AND NOT (i.period_precision <> 'month' AND i.location_id IS NOT NULL
                   AND (i.period_start AT TIME ZONE 'Europe/London')::date BETWEEN DATE '2025-01-06' AND DATE '2025-03-30')`,
      [ASB],
    )
    expect(body.weeks.leftOut).toBe(left.n)
    expect(left.n).toBeGreaterThan(1000) // February's police.uk ASB, months only

    const [outline] = await sql(`SELECT ST_AsGeoJSON(geom)::json AS geometry FROM councils WHERE code = $1`, [STOCKTON])
    const geometry = outline.geometry as Polygon | MultiPolygon
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
    const study = [...new Set(polygons.flatMap((rings) => polygonToCells(rings, 9, true)))].sort()
    const indexOf = new Map(study.map((cell, index) => [cell, index]))
    const neighbours = study.map((cell) => gridDisk(cell, 1).filter((other) => other !== cell && indexOf.has(other)).map((other) => indexOf.get(other)!))
    const points = await sql(
      `SELECT l.lon, l.lat, to_char(i.period_start AT TIME ZONE 'Europe/London', 'IYYY-IW') AS week FROM incidents i JOIN locations l ON l.id = i.location_id
        WHERE i.category = $1 AND i.period_precision <> 'month'
          AND (i.period_start AT TIME ZONE 'Europe/London')::date BETWEEN DATE '2025-01-06' AND DATE '2025-03-30'`,
      [ASB],
    )
    const weeks = [...new Set(points.map((point) => point.week as string))].sort()
    expect(weeks).toHaveLength(12)
    const hot = new Array<number>(study.length).fill(0)
    const cold = new Array<number>(study.length).fill(0)
    for (const week of weeks) {
      const values = new Array<number>(study.length).fill(0)
      for (const point of points.filter((row) => row.week === week)) {
        const index = indexOf.get(latLngToCell(point.lat, point.lon, 9))
        if (index !== undefined) values[index] += 1
      }
      const z = referenceGiStar(values, neighbours)
      const adjusted = referenceBh(z.map((value) => 2 * normalSf(Math.abs(value))))
      z.forEach((value, index) => {
        if (adjusted[index] <= 0.1 && value > 0) hot[index] += 1
        if (adjusted[index] <= 0.1 && value < 0) cold[index] += 1
      })
    }
    expect(body.cells.length).toBeGreaterThan(0)
    for (const cell of body.cells) {
      expect([cell.hotMonths, cell.coldMonths], cell.h3).toEqual([hot[indexOf.get(cell.h3)!], cold[indexOf.get(cell.h3)!]])
    }
    expect(hot.some((weeksHot) => weeksHot >= 3)).toBe(true)
  })

  it('has no weeks where the filter holds only months, and says every incident was left out', async () => {
    const response = await get(`/api/hotspots/emerging?res=9&lad=${STOCKTON}&categories=Burglary&from=2025-02&to=2025-02&slices=week`)
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json()
    const [burglary] = await sql(`SELECT count(*)::int AS n FROM incidents WHERE category = 'Burglary'`)
    expect([body.months, body.cells, body.weeks]).toEqual([0, [], { first: null, last: null, leftOut: burglary.n }])
  })

  it('refuses slices it does not know', async () => {
    expect((await get(`/api/hotspots/emerging?res=9&slices=day`)).statusCode).toBe(400)
  })
})
