import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Papa from 'papaparse'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boundaryFiles, geodata, policeUkFile, startTestApp, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js'
import { importMappedFile } from '../import/mapped/import-mapped.js'
import { findProfile, insertProfile } from '../import/mapped/profile-store.js'
import { windowHours } from './routes.js'

let testApp: TestApp
let inspector: SignedIn
let scratch: string
const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows
const BANES = geodata('timed/banes-environmental-protection-requests.csv')
const WARD = 'E05014882' // Stockton Town Centre

const demand = async (query: string) => {
  const response = await testApp.app.inject({ url: `/api/time-patterns/demand?${query}`, headers: inspector.headers })
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}

/** The grid as plain SQL over incidents computes it, another way (to_char on the London time). */
async function gridBySql(where: string, values: unknown[]): Promise<number[][]> {
  const rows = await sql(
    `SELECT to_char(i.period_start AT TIME ZONE 'Europe/London', 'ID')::int - 1 AS d, to_char(i.period_start AT TIME ZONE 'Europe/London', 'HH24')::int AS h, count(*)::int AS n
       FROM incidents i LEFT JOIN locations l ON l.id = i.location_id WHERE i.period_precision = 'minute' AND ${where} GROUP BY 1, 2`,
    values,
  )
  const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0))
  for (const row of rows) grid[row.d][row.h] = row.n
  return grid
}

beforeAll(async () => {
  testApp = await startTestApp()
  inspector = await testApp.signInAs('inspector')
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'patrolmap-demand-'))
  await testApp.importFiles([...boundaryFiles, policeUkFile('2024-01')])
  // A small timed log in Stockton town centre in January 2024 (near the ward's label point, so inside it).
  const [point] = await sql(`SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM wards WHERE code = $1`, [WARD])
  const lines = ['id,when,x,y,kind']
  const times = ['2024-01-01T00:30', '2024-01-01T06:59', '2024-01-01T07:00', '2024-01-06T23:15', '2024-01-07T12:00', '2024-01-07T12:30', '2024-01-15']
  times.forEach((when, at) => lines.push(`${at + 1},${when},${point.lon.toFixed(6)},${point.lat.toFixed(6)},${at % 2 === 0 ? 'noise' : 'other'}`))
  fs.writeFileSync(path.join(scratch, 'stockton.csv'), lines.join('\n') + '\n')
  await insertProfile(testApp.pool, {
    name: 'stockton-test', title: 'Stockton test',
    mapping: {
      source: 'Stockton test', reference: ['id'], when: { date: 'when', format: 'iso8601', time: { kind: 'in-date' } },
      position: { kind: 'lonlat', lon: 'x', lat: 'y' }, category: { column: 'kind', map: { noise: 'Anti-social behaviour' }, default: 'Public order' },
    },
  })
  const stockton = await importMappedFile(testApp.pool, path.join(scratch, 'stockton.csv'), (await findProfile(testApp.pool, 'stockton-test'))!)
  expect(stockton.status, stockton.message).toBe('committed')
  const banes = await importMappedFile(testApp.pool, BANES, (await findProfile(testApp.pool, 'banes-environmental-protection'))!)
  expect(banes.status, banes.message).toBe('committed')
})

afterAll(async () => {
  await testApp?.close()
  fs.rmSync(scratch, { recursive: true, force: true })
})

describe('GET /api/time-patterns/demand', () => {
  it('counts a timed log per weekday and hour as its raw file gives them', async () => {
    const expected = Array.from({ length: 7 }, () => new Array<number>(24).fill(0))
    for (const row of Papa.parse<Record<string, string>>(fs.readFileSync(BANES, 'utf8'), { header: true, skipEmptyLines: true }).data) {
      const [date, clock, meridiem] = row.ReceivedDate.split(' ')
      const [day, month, year] = date.split('/').map(Number)
      const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7
      expected[weekday][(Number(clock.slice(0, 2)) % 12) + (meridiem === 'PM' ? 12 : 0)]++
    }
    const body = await demand('source=BANES%20environmental%20protection&windowFrom=0&windowTo=7')
    expect(body.grid).toEqual(expected)
    expect(body.incidents).toBe(5000)
    expect(body.leftOut).toBe(0)
    const early = expected.reduce((sum, day) => sum + day.slice(0, 7).reduce((a, b) => a + b, 0), 0)
    expect(body.window).toEqual({ from: 0, to: 7, incidents: early, share: early / 5000 })
  })

  it('answers the incident filter as plain SQL does, leaving out (and counting) rows without a time of day', async () => {
    const body = await demand(`from=2024-01&to=2024-01&ward=${WARD}`)
    const where = `i.period_start >= '2024-01-01T00:00:00Z' AND i.period_start < '2024-02-01T00:00:00Z' AND l.ward_code = $1`
    expect(body.grid).toEqual(await gridBySql(where, [WARD]))
    expect(body.incidents).toBe(6)
    const [coarse] = await sql(`SELECT count(*)::int AS n FROM incidents i LEFT JOIN locations l ON l.id = i.location_id WHERE ${where} AND i.period_precision <> 'minute'`, [WARD])
    expect(coarse.n).toBeGreaterThan(100) // police.uk's month-only rows, and the log's one day-only row
    expect(body.leftOut).toBe(coarse.n)
    // Monday 1 January 00:30 and 06:59 are in 00:00–07:00; 07:00 is not.
    expect(body.grid[0].slice(0, 8)).toEqual([1, 0, 0, 0, 0, 0, 1, 1])
    expect(body.window).toEqual({ from: 0, to: 7, incidents: 2, share: 2 / 6 })

    const asb = await demand(`from=2024-01&to=2024-01&ward=${WARD}&categories=Anti-social%20behaviour&source=Stockton%20test&windowFrom=22&windowTo=6`)
    expect(asb.grid).toEqual(await gridBySql(`${where} AND i.category = 'Anti-social behaviour' AND i.source = 'Stockton test'`, [WARD]))
    expect(asb.incidents).toBe(3) // 00:30 Monday, 07:00 Monday, 12:00 Sunday
    expect(asb.leftOut).toBe(1) // the day-only row
    expect(asb.window).toEqual({ from: 22, to: 6, incidents: 1, share: 1 / 3 })
  })

  it('counts a log per week as its raw file gives them, with the empty weeks between as 0', async () => {
    const expected = new Map<string, number>()
    for (const row of Papa.parse<Record<string, string>>(fs.readFileSync(BANES, 'utf8'), { header: true, skipEmptyLines: true }).data) {
      // The Monday of the row's (UK local) date, worked out by hand from the day-first date.
      const [day, month, year] = row.ReceivedDate.split(' ')[0].split('/').map(Number)
      const date = new Date(Date.UTC(year, month - 1, day))
      date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7))
      const monday = date.toISOString().slice(0, 10)
      expected.set(monday, (expected.get(monday) ?? 0) + 1)
    }
    const { weeks } = await demand('source=BANES%20environmental%20protection')
    expect(weeks.filter((week: { incidents: number }) => week.incidents > 0)).toEqual(
      [...expected].sort(([a], [b]) => a.localeCompare(b)).map(([week, incidents]) => ({ week, incidents })),
    )
    for (const [at, week] of weeks.entries()) {
      if (at > 0) expect(Date.parse(week.week) - Date.parse(weeks[at - 1].week)).toBe(7 * 86_400_000)
    }
    expect(weeks.reduce((sum: number, week: { incidents: number }) => sum + week.incidents, 0)).toBe(5000)
    // The Stockton log: the week of Monday 1 January 2024 holds six rows (the day-only one too); 15 January one.
    const stockton = await demand('source=Stockton%20test')
    expect(stockton.weeks).toEqual([
      { week: '2024-01-01', incidents: 6 },
      { week: '2024-01-08', incidents: 0 },
      { week: '2024-01-15', incidents: 1 },
    ])
  })

  it('lists the sources with their precision and span, as plain SQL counts them', async () => {
    const response = await testApp.app.inject({ url: '/api/time-patterns/sources', headers: inspector.headers })
    expect(response.statusCode, response.body).toBe(200)
    const expected = await sql(`SELECT source, count(*)::int AS n, count(*) FILTER (WHERE period_precision = 'minute')::int AS minute,
                                       count(*) FILTER (WHERE period_precision = 'day')::int AS day FROM incidents GROUP BY 1 ORDER BY 2 DESC, 1`)
    expect(response.json().items.map((item: { source: string; incidents: number; toTheMinute: number; toTheDay: number }) => [item.source, item.incidents, item.toTheMinute, item.toTheDay]))
      .toEqual(expected.map((row) => [row.source, row.n, row.minute, row.day]))
    const banes = response.json().items.find((item: { source: string }) => item.source === 'BANES environmental protection')
    expect(banes).toMatchObject({ firstDay: '2015-01-01', lastDay: '2019-11-22', illustrative: false })
    expect((await testApp.app.inject({ url: '/api/time-patterns/sources', headers: (await testApp.signInAs('councillor')).headers })).statusCode).toBe(403)
  })

  it('suggests key times for a task area from its timed incidents, the grid as plain SQL counts it', async () => {
    const keyTimes = async (payload: Record<string, unknown>, headers = inspector.headers) =>
      testApp.app.inject({ method: 'POST', url: '/api/time-patterns/key-times', headers, payload })
    const ward = await keyTimes({ area: { source: 'ward', ward: WARD }, share: 0.5 })
    expect(ward.statusCode, ward.body).toBe(200)
    const body = ward.json()
    // The span: the 12 months up to the latest timed incident anywhere (BANES's are older, so only the Stockton log).
    const [span] = await sql(`SELECT max(period_start) AS last_at FROM incidents WHERE period_precision = 'minute'`)
    const where = `l.ward_code = $1 AND i.period_start > $2::timestamptz - interval '12 months' AND i.period_start <= $2::timestamptz`
    expect(body.grid).toEqual(await gridBySql(where, [WARD, span.last_at]))
    expect(body.incidents).toBe(6)
    // Six timed rows, one per hour but two at 12:00 and 12:30 on Sunday: half is three, taken busiest first.
    expect(body.hours).toBe(2)
    expect(body.covered).toBe(3)
    expect(body.keyTimes[6][12]).toBe(true)
    expect(body.keyTimes.flat().filter(Boolean)).toHaveLength(2)
    const [coarse] = await sql(`SELECT count(*)::int AS n FROM incidents i JOIN locations l ON l.id = i.location_id WHERE ${where} AND i.period_precision <> 'minute'`, [WARD, span.last_at])
    expect(body.leftOut).toBe(coarse.n)

    // A drawn area around the log's point holds the same timed rows; every share up to all of them.
    const [point] = await sql(`SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM wards WHERE code = $1`, [WARD])
    const d = 0.002
    const square = { type: 'Polygon', coordinates: [[[point.lon - d, point.lat - d], [point.lon + d, point.lat - d], [point.lon + d, point.lat + d], [point.lon - d, point.lat + d], [point.lon - d, point.lat - d]]] }
    const drawn = (await keyTimes({ area: { source: 'polygon', polygon: square }, share: 1, categories: ['Anti-social behaviour'] })).json()
    expect(drawn.incidents).toBe(3)
    expect(drawn.covered).toBe(3)

    expect((await keyTimes({ area: { source: 'ward', ward: WARD }, share: 2 })).statusCode).toBe(400)
    expect((await keyTimes({ area: { source: 'ward' } })).statusCode).toBe(400)
    expect((await keyTimes({ area: { source: 'ward', ward: WARD } }, (await testApp.signInAs('councillor')).headers)).statusCode).toBe(403)
  })

  it('takes windows that wrap past midnight', () => {
    expect(windowHours(0, 7)).toEqual([0, 1, 2, 3, 4, 5, 6])
    expect(windowHours(22, 2)).toEqual([22, 23, 0, 1])
    expect(windowHours(0, 24)).toHaveLength(24)
  })
})
