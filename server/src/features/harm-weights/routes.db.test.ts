// Harm weighting (issue 4): the weights table is loaded from the bundled file, edited through the API with every
// change in the audit trail, and every hotspot analysis run with measure=harm adds up exactly what plain SQL and
// h3-js add up from the incidents and the weights.
import { latLngToCell, polygonToCells } from 'h3-js'
import type { MultiPolygon, Polygon } from 'geojson'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedHarmWeights } from './harm-weight-store.js'
import { readDefaultWeights } from './default-weights.js'
import { boundaryFiles, policeUkFile, startTestApp, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js'

const STOCKTON = 'E06000004'
const MONTHS = ['2024-01', '2024-02', '2024-03']
const CATEGORIES = ['Anti-social behaviour', 'Burglary', 'Violence and sexual offences']
const categoryParam = encodeURIComponent(CATEGORIES.join(','))

let testApp: TestApp
let analyst: SignedIn
let inspector: SignedIn

const get = (url: string, who: SignedIn = analyst) => testApp.app.inject({ method: 'GET', url, headers: who.headers })
const put = (payload: unknown, who: SignedIn = analyst) => testApp.app.inject({ method: 'PUT', url: '/api/harm-weights', headers: who.headers, payload: payload as object })
const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows

async function currentWeights(): Promise<Map<string, number>> {
  return new Map((await get('/api/harm-weights')).json().weights.map((row: { category: string; weight: number }) => [row.category, row.weight]))
}

/** Every Stockton-area incident of the test categories and months, with its weight applied in JavaScript. */
async function weightedPoints(months: string[]) {
  const weights = await currentWeights()
  const rows = await sql(
    `SELECT l.lon, l.lat, i.category, to_char(i.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month
       FROM incidents i JOIN locations l ON l.id = i.location_id
      WHERE i.category = ANY ($1) AND to_char(i.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') = ANY ($2)`,
    [CATEGORIES, months],
  )
  return rows.map((row) => ({ ...row, harm: weights.get(row.category)! }))
}

async function stocktonStudyArea(): Promise<string[]> {
  const [outline] = await sql(`SELECT ST_AsGeoJSON(geom)::json AS geometry FROM councils WHERE code = $1`, [STOCKTON])
  const geometry = outline.geometry as Polygon | MultiPolygon
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  return [...new Set(polygons.flatMap((rings) => polygonToCells(rings, 9, true)))].sort()
}

beforeAll(async () => {
  testApp = await startTestApp({ data: [...boundaryFiles, ...MONTHS.map(policeUkFile)] })
  analyst = await testApp.signInAs('analyst')
  inspector = await testApp.signInAs('inspector')
})
afterAll(() => testApp.close())

describe('the harm weights table', () => {
  it('is loaded from the bundled file at start, once, and the load is in the audit trail', async () => {
    const body = (await get('/api/harm-weights')).json()
    const defaults = readDefaultWeights()
    expect(body.weights).toHaveLength(14)
    for (const row of defaults) {
      const stored = body.weights.find((entry: { category: string }) => entry.category === row.category)
      expect(stored, row.category).toMatchObject({ weight: row.weight, defaultWeight: row.weight, basis: row.basis, updatedBy: null })
    }
    const loads = await sql(`SELECT actor_id, after FROM audit_log WHERE action = 'harm_weights.update'`)
    expect(loads).toHaveLength(1)
    expect(loads[0].actor_id).toBeNull()
    expect(Object.keys(loads[0].after)).toHaveLength(14)
    expect(await seedHarmWeights(testApp.pool)).toBe(0)
    expect(await sql(`SELECT 1 FROM audit_log WHERE action = 'harm_weights.update'`)).toHaveLength(1)
  })

  it('refuses a bad edit by name and changes nothing', async () => {
    const before = (await get('/api/harm-weights')).json()
    const bad: [unknown, string][] = [
      [{ weights: [{ category: 'Murder', weight: 1 }] }, 'no category is named "Murder"'],
      [{ weights: [{ category: 'Burglary', weight: 1 }, { category: 'Burglary', weight: 2 }] }, 'Burglary is listed twice'],
      [{ weights: [{ category: 'Burglary', weight: -1 }] }, 'weight'],
      [{ weights: [{ category: 'Burglary', weight: 1e9 }] }, 'weight'],
      [{ weights: [{ category: 'Burglary', weight: '12' + "'; DROP TABLE harm_weights; --" }] }, 'weight'],
      [{ weights: [] }, 'weights'],
      [{ weights: [{ category: 'Burglary', weight: 1, extra: true }] }, 'extra'],
      [{ weights: [{ category: 'Burglary', weight: 1 }], note: 'x' }, 'note'],
    ]
    for (const [payload, message] of bad) {
      const response = await put(payload)
      expect(response.statusCode, JSON.stringify(payload)).toBe(400)
      expect(response.json().message).toContain(message)
    }
    expect((await get('/api/harm-weights')).json()).toEqual(before)
  })

  it('is read by inspectors but edited only by analysts and admins', async () => {
    expect((await get('/api/harm-weights', inspector)).statusCode).toBe(200)
    expect((await put({ weights: [{ category: 'Burglary', weight: 1 }] }, inspector)).statusCode).toBe(403)
  })

  it('keeps each edit in the audit trail with before and after, and survives the next start\u2019s load', async () => {
    const response = await put({ weights: [{ category: 'Anti-social behaviour', weight: 8 }, { category: 'Burglary', weight: 438 }], reason: 'JAG agreed ASB weighs more' })
    expect(response.statusCode, response.body).toBe(200)
    const asb = response.json().weights.find((row: { category: string }) => row.category === 'Anti-social behaviour')
    expect(asb).toMatchObject({ weight: 8, defaultWeight: 5, updatedBy: 'analyst@test.local' })
    const [entry] = await sql(`SELECT actor_email, before, after, details FROM audit_log WHERE action = 'harm_weights.update' ORDER BY id DESC LIMIT 1`)
    // Burglary was sent at its current weight: not a change, so not in the record.
    expect(entry).toEqual({ actor_email: 'analyst@test.local', before: { 'Anti-social behaviour': 5 }, after: { 'Anti-social behaviour': 8 }, details: { reason: 'JAG agreed ASB weighs more' } })
    const count = (await sql(`SELECT count(*)::int AS n FROM audit_log`))[0].n
    expect((await put({ weights: [{ category: 'Anti-social behaviour', weight: 8 }] })).statusCode).toBe(200)
    expect((await sql(`SELECT count(*)::int AS n FROM audit_log`))[0].n).toBe(count)
    await seedHarmWeights(testApp.pool)
    expect((await currentWeights()).get('Anti-social behaviour')).toBe(8)
    const audit = (await get(`/api/audit?action=harm_weights.update`, await testApp.signInAs('admin'))).json()
    expect(audit.items[0].after).toEqual({ 'Anti-social behaviour': 8 })
  })
})

describe('analyses on harm', () => {
  it('Gi*: each cell\u2019s value is the sum of its incidents\u2019 weights, as h3-js and the weights find it', async () => {
    const body = (await get(`/api/hotspots/gistar?measure=harm&res=9&lad=${STOCKTON}&categories=${categoryParam}&from=2024-01&to=2024-03`)).json()
    expect(body.measure).toBe('harm')
    const study = await stocktonStudyArea()
    const expected = new Map(study.map((cell) => [cell, 0]))
    for (const point of await weightedPoints(MONTHS)) {
      const cell = latLngToCell(point.lat, point.lon, 9)
      if (expected.has(cell)) expected.set(cell, expected.get(cell)! + point.harm)
    }
    expect(body.cells.map((cell: { h3: string }) => cell.h3)).toEqual(study)
    for (const cell of body.cells) expect(cell.value, cell.h3).toBeCloseTo(expected.get(cell.h3)!, 9)
    expect(body.totalValue).toBeCloseTo([...expected.values()].reduce((sum, value) => sum + value, 0), 6)
    // Weighting changes the picture: the hot cells on harm are not the hot cells on counts.
    const counts = (await get(`/api/hotspots/gistar?res=9&lad=${STOCKTON}&categories=${categoryParam}&from=2024-01&to=2024-03`)).json()
    expect(counts.measure).toBe('count')
    expect(counts.cells.map((cell: { z: number }) => cell.z)).not.toEqual(body.cells.map((cell: { z: number }) => cell.z))
  })

  it('problem locations: harm per location and month, and a score on harm', async () => {
    const body = (await get(`/api/hotspots/problem-locations?measure=harm&res=9&lad=${STOCKTON}&categories=${categoryParam}&from=2024-01&to=2024-03&halfLife=2`)).json()
    expect(body.measure).toBe('harm')
    expect(body.locations.length).toBeGreaterThan(0)
    const points = await weightedPoints(MONTHS)
    for (const location of body.locations.slice(0, 5)) {
      const cells = new Set(location.cells)
      const inside = points.filter((point) => cells.has(latLngToCell(point.lat, point.lon, 9)))
      expect(location.incidents).toBe(inside.length)
      expect(location.harm).toBeCloseTo(inside.reduce((sum, point) => sum + point.harm, 0), 6)
      const harmPerMonth = MONTHS.map((month) => inside.filter((point) => point.month === month).reduce((sum, point) => sum + point.harm, 0))
      location.components.months.forEach((entry: { harm: number }, index: number) => expect(entry.harm).toBeCloseTo(harmPerMonth[index], 6))
      expect(location.components.measure).toBe('harm')
      expect(location.score).toBeCloseTo(harmPerMonth[0] * 0.5 + harmPerMonth[1] * Math.SQRT1_2 + harmPerMonth[2], 6)
    }
    const scores = body.locations.map((location: { score: number }) => location.score)
    expect([...scores].sort((a, b) => b - a)).toEqual(scores)
  })

  it('top wards: ranked by harm, with the change in harm, as plain SQL adds it up', async () => {
    const body = (await get(`/api/hotspots/top-wards?measure=harm&categories=${categoryParam}&from=2024-03&to=2024-03&lad=${STOCKTON}&limit=10`)).json()
    const expected = await sql(
      `SELECT w.code,
              coalesce(sum(h.weight) FILTER (WHERE to_char(i.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') = '2024-03'), 0) AS now,
              coalesce(sum(h.weight) FILTER (WHERE to_char(i.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') = '2024-02'), 0) AS before
         FROM wards w
         LEFT JOIN locations l ON l.ward_code = w.code
         LEFT JOIN incidents i ON i.location_id = l.id AND i.category = ANY ($1)
         LEFT JOIN harm_weights h ON h.category = i.category
        WHERE w.council_code = $2
        GROUP BY w.code, w.name ORDER BY now DESC, w.name, w.code LIMIT 10`,
      [CATEGORIES, STOCKTON],
    )
    expect(body.measure).toBe('harm')
    expect(body.wards.map((ward: { code: string }) => ward.code)).toEqual(expected.map((row) => row.code))
    body.wards.forEach((ward: { harm: number; previousHarm: number; change: number }, index: number) => {
      expect(ward.harm).toBeCloseTo(expected[index].now, 6)
      expect(ward.previousHarm).toBeCloseTo(expected[index].before, 6)
      expect(ward.change).toBeCloseTo(expected[index].now - expected[index].before, 6)
    })
  })

  it('concentration and forecast accuracy add up harm, not incidents', async () => {
    const study = await stocktonStudyArea()
    const indexOf = new Map(study.map((cell, index) => [cell, index]))
    const perMonth = MONTHS.map(() => new Array<number>(study.length).fill(0))
    for (const point of await weightedPoints(MONTHS)) {
      const index = indexOf.get(latLngToCell(point.lat, point.lon, 9))
      if (index !== undefined) perMonth[MONTHS.indexOf(point.month)][index] += point.harm
    }
    const total = perMonth.flat().reduce((sum, value) => sum + value, 0)
    const concentration = (await get(`/api/hotspots/concentration?measure=harm&res=9&lad=${STOCKTON}&categories=${categoryParam}&from=2024-01&to=2024-03`)).json()
    expect(concentration.measure).toBe('harm')
    expect(concentration.areas[0].total).toBeCloseTo(total, 6)

    const forecast = (await get(`/api/hotspots/forecast-accuracy?measure=harm&res=9&lad=${STOCKTON}&categories=${categoryParam}&from=2024-01&to=2024-03&lookback=1&top=0.05`)).json()
    expect(forecast.measure).toBe('harm')
    forecast.months.forEach((month: { total: number; captured: number }, index: number) => {
      const observed = perMonth[index + 1]
      const predicted = perMonth[index]
      const order = predicted.map((_, cell) => cell).sort((a, b) => predicted[b] - predicted[a] || observed[a] - observed[b] || a - b)
      const take = Math.ceil(0.05 * study.length - 1e-9)
      expect(month.total).toBeCloseTo(observed.reduce((sum, value) => sum + value, 0), 6)
      expect(month.captured).toBeCloseTo(order.slice(0, take).reduce((sum, cell) => sum + observed[cell], 0), 6)
    })

    const emerging = await get(`/api/hotspots/emerging?measure=harm&res=9&lad=${STOCKTON}&categories=${categoryParam}&from=2024-01&to=2024-03`)
    expect(emerging.statusCode).toBe(200)
    expect(emerging.json().measure).toBe('harm')
  })

  it('with one category, harm is its weight times the count, so Gi* z-scores and classes are those of counts', async () => {
    const asb = encodeURIComponent('Anti-social behaviour')
    const weight = (await currentWeights()).get('Anti-social behaviour')!
    const harm = (await get(`/api/hotspots/gistar?measure=harm&res=9&lad=${STOCKTON}&categories=${asb}&from=2024-01&to=2024-03`)).json()
    const counts = (await get(`/api/hotspots/gistar?res=9&lad=${STOCKTON}&categories=${asb}&from=2024-01&to=2024-03`)).json()
    harm.cells.forEach((cell: { value: number; z: number; class: string }, index: number) => {
      expect(cell.value).toBeCloseTo(counts.cells[index].value * weight, 9)
      expect(cell.z).toBeCloseTo(counts.cells[index].z, 9)
      expect(cell.class).toBe(counts.cells[index].class)
    })
  })

  it('refuses an unknown measure by name', async () => {
    for (const route of ['gistar', 'problem-locations', 'emerging', 'concentration', 'forecast-accuracy', 'top-wards']) {
      const response = await get(`/api/hotspots/${route}?measure=severity`)
      expect(response.statusCode, route).toBe(400)
      expect(response.json().message).toContain('measure')
    }
  })
})
