// The map's weekly playback (issue 15): the weeks it can play, and one week's hexagons, against plain SQL over the
// illustrative Stockton log's incidents (London days) with h3-js placing each point; police.uk's months are in no week.
import { latLngToCell } from 'h3-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importIllustrativeLog } from '../../../../tests/support/illustrative-log.js'
import { boundaryFiles, policeUkFile, startTestApp, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js'

const ASB = encodeURIComponent('Anti-social behaviour')
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

describe('GET /api/hexes/weeks', () => {
  it('lists the whole UK weeks of timed incidents in the period, and counts the month-only ones', async () => {
    const response = await get(`/api/hexes/weeks?from=2025-01&to=2025-03&categories=${ASB}`)
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json()
    const mondays = await sql(`SELECT to_char(d, 'YYYY-MM-DD') AS monday FROM generate_series(DATE '2025-01-06', DATE '2025-03-24', interval '7 days') AS d`)
    expect(body.weeks).toEqual(mondays.map((row) => row.monday))
    const [months] = await sql(`SELECT count(*)::int AS n FROM incidents WHERE period_precision = 'month' AND category = 'Anti-social behaviour'
                                  AND to_char(period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') BETWEEN '2025-01' AND '2025-03'`)
    expect(body.monthOnly).toBe(months.n)
    expect(months.n).toBeGreaterThan(0)
  })

  it('has no weeks where the filter holds months only', async () => {
    expect((await get(`/api/hexes/weeks?from=2025-02&to=2025-02&categories=Burglary`)).json().weeks).toEqual([])
  })
})

describe('GET /api/hexes?week=', () => {
  it('counts one week\u2019s timed incidents per cell as h3-js places their points', async () => {
    const response = await get(`/api/hexes?res=9&week=2025-01-13&categories=${ASB}`)
    expect(response.statusCode, response.body).toBe(200)
    const points = await sql(`SELECT l.lat, l.lon FROM incidents i JOIN locations l ON l.id = i.location_id
                               WHERE i.period_precision <> 'month' AND i.category = 'Anti-social behaviour'
                                 AND to_char(i.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') BETWEEN '2025-01-13' AND '2025-01-19'`)
    expect(points.length).toBeGreaterThan(20)
    const expected = new Map<string, number>()
    for (const point of points) {
      const cell = latLngToCell(point.lat, point.lon, 9)
      expected.set(cell, (expected.get(cell) ?? 0) + 1)
    }
    expect(new Map(response.json().map((cell: { h3: string; count: number }) => [cell.h3, cell.count]))).toEqual(expected)
  })

  it('refuses a week that is not a Monday, is not a date, or comes with a month range', async () => {
    for (const query of ['week=2025-01-14', 'week=2025-13-06', 'week=monday', 'week=2025-01-13&from=2025-01']) {
      const response = await get(`/api/hexes?res=9&${query}`)
      expect(response.statusCode, query).toBe(400)
      expect(response.json().message, query).toMatch(/week|must match format/)
    }
  })
})
