import { latLngToCell } from 'h3-js'
import { POLICE_UK_CATEGORIES } from '../../server/src/features/incidents/categories.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boundaryFiles, policeUkFile, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js'

const ASB = 'Anti-social behaviour'
let testApp: TestApp
/** Incident routes are for staff; an analyst is the typical caller. Who else may call them: access-matrix.test.ts. */
let analyst: SignedIn

beforeAll(async () => {
  testApp = await startTestApp()
  await testApp.importFiles([...boundaryFiles, policeUkFile('2024-01'), policeUkFile('2024-02'), policeUkFile('2024-03')])
  analyst = await testApp.signInAs('analyst')
})
afterAll(() => testApp.close())

const get = (url: string) => testApp.app.inject({ method: 'GET', url, headers: analyst.headers })
const json = async (url: string) => {
  const response = await get(url)
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200)
  return response.json()
}
const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows

describe('GET /api/health', () => {
  it('reports the database, PostGIS and row counts', async () => {
    const body = await json('/api/health')
    const [counts] = await sql(`SELECT (SELECT count(*) FROM incidents) AS incidents, (SELECT count(*) FROM wards) AS wards`)
    expect(body.status).toBe('ok')
    expect(body.database.reachable).toBe(true)
    expect(body.database.postgis).toMatch(/^3\./)
    expect(body.counts).toMatchObject({ incidents: counts.incidents, wards: 83, councils: 4 })
  })
})

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
    const [outside] = await sql(`SELECT count(*)::int AS n FROM incidents WHERE ward_code IS NULL AND category = $1
       AND period_start >= '2024-02-01' AND period_start < '2024-04-01'`, [ASB])
    expect(body.outsideArea).toBe(outside.n)
  })

  it('narrows the total to one ward', async () => {
    const [ward] = await sql(`SELECT code FROM wards WHERE name = 'Stockton Town Centre'`)
    const body = await json(`/api/summary?ward=${ward.code}`)
    const [total] = await sql(`SELECT count(*)::int AS n FROM incidents WHERE ward_code = $1`, [ward.code])
    expect(body.total).toBe(total.n)
    expect(body.outsideArea).toBe(0)
  })
})

describe('GET /api/hexes', () => {
  // A cell counts every incident whose point lies inside it: h3-js latLngToCell at that resolution on each incident's
  // stored coordinates, independent of the cells the importer stored.
  const expectedCells = async (res: number, where: string, values: unknown[]) => {
    const points = await sql(`SELECT l.lon, l.lat FROM incidents i JOIN locations l ON l.id = i.location_id WHERE ${where}`, values)
    const expected = new Map<string, number>()
    for (const point of points) {
      const cell = latLngToCell(point.lat, point.lon, res)
      expected.set(cell, (expected.get(cell) ?? 0) + 1)
    }
    return expected
  }

  it.each([6, 7, 8, 9, 10])('counts per res-%i cell equal h3-js latLngToCell applied to every incident point', async (res) => {
    const body: { h3: string; count: number }[] = await json(`/api/hexes?res=${res}&categories=${encodeURIComponent(ASB)}`)
    expect(new Map(body.map((cell) => [cell.h3, cell.count]))).toEqual(await expectedCells(res, 'i.category = $1', [ASB]))
  })

  it.each([
    ['two categories', ['Anti-social behaviour', 'Drugs']],
    ['all but one (the total less the one left out)', POLICE_UK_CATEGORIES.filter((category) => category !== 'Drugs')],
    ['every category named', [...POLICE_UK_CATEGORIES]],
  ])('counts %s over the whole period as h3-js does', async (_, categories) => {
    const body: { h3: string; count: number }[] = await json(`/api/hexes?res=8&categories=${encodeURIComponent(categories.join(','))}`)
    expect(new Map(body.map((cell) => [cell.h3, cell.count]))).toEqual(await expectedCells(8, 'i.category = ANY ($1)', [categories]))
  })

  it('counts every category over the whole period and over a month range alike', async () => {
    const whole: { h3: string; count: number }[] = await json('/api/hexes?res=9')
    expect(new Map(whole.map((cell) => [cell.h3, cell.count]))).toEqual(await expectedCells(9, 'true', []))
    const ranged: { h3: string; count: number }[] = await json('/api/hexes?res=9&from=2024-02&to=2024-03')
    expect(new Map(ranged.map((cell) => [cell.h3, cell.count]))).toEqual(
      await expectedCells(9, `i.period_start >= '2024-02-01' AND i.period_start < '2024-04-01'`, []),
    )
  })

  it('answers the same when the counts are made again by the count triggers alone', async () => {
    const { recountEveryIncident } = await import('../support/recount.js')
    const [ward] = await sql(`SELECT code FROM wards WHERE name = 'Stockton Town Centre'`)
    const urls = ['/api/hexes?res=8', `/api/hexes?res=10&categories=${encodeURIComponent(ASB)}`, `/api/hexes?res=7&ward=${ward.code}`]
    const answers = await Promise.all(urls.map((url) => json(url)))
    const sorted = (cells: { h3: string; count: number }[]) => [...cells].sort((a, b) => a.h3.localeCompare(b.h3))
    await recountEveryIncident(testApp.pool)
    expect((await sql('SELECT count(*)::int AS n FROM location_counts'))[0].n).toBeGreaterThan(0)
    for (const [index, url] of urls.entries()) expect(sorted(await json(url))).toEqual(sorted(answers[index]))
    const [byWard] = await sql(`SELECT count(*)::int AS n FROM incidents WHERE ward_code = $1`, [ward.code])
    expect(answers[2].reduce((sum: number, cell: { count: number }) => sum + cell.count, 0)).toBe(byWard.n)
  })

  it('filters by months and ward', async () => {
    const [ward] = await sql(`SELECT code FROM wards WHERE name = 'Mandale & Victoria'`)
    const body: { count: number }[] = await json(`/api/hexes?res=9&from=2024-03&to=2024-03&ward=${ward.code}`)
    const [total] = await sql(`SELECT count(*)::int AS n FROM incidents WHERE ward_code = $1 AND period_start >= '2024-03-01' AND period_start < '2024-04-01'`, [ward.code])
    expect(body.reduce((sum, cell) => sum + cell.count, 0)).toBe(total.n)
    expect(total.n).toBeGreaterThan(0)
  })

  it('answers an empty list when nothing matches', async () => {
    expect(await json('/api/hexes?categories=Shoplifting&ward=E05009871&from=2024-01&to=2024-01&res=10')).toEqual([])
  })

  it('refuses a period wholly after the data, naming from (the period rule: period-rule.test.ts)', async () => {
    const response = await get('/api/hexes?from=2030-01&to=2030-12')
    expect(response.statusCode).toBe(400)
    expect(response.json().message).toContain('from')
  })
})

describe('GET /api/wards and /api/councils', () => {
  it('gives every ward with its count for the filter', async () => {
    const body = await json(`/api/wards?categories=${encodeURIComponent(ASB)}`)
    expect(body.type).toBe('FeatureCollection')
    expect(body.features).toHaveLength(83)
    const counts = await sql(`SELECT ward_code, count(*)::int AS count FROM incidents WHERE category = $1 AND ward_code IS NOT NULL GROUP BY 1`, [ASB])
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

describe('parameter validation', () => {
  it.each([
    ['/api/hexes?res=5', 'res'],
    ['/api/hexes?res=11', 'res'],
    ['/api/hexes?res=eight', 'res'],
    ['/api/hexes?from=2024-13', 'from'],
    ['/api/hexes?to=24-01', 'to'],
    ['/api/hexes?from=2024-03&to=2024-01', 'from'],
    ['/api/hexes?categories=Littering', 'categories'],
    ['/api/hexes?ward=E05999999', 'ward'],
    ['/api/hexes?ward=nowhere', 'ward'],
    ['/api/hexes?colour=red', 'colour'],
    ['/api/summary?from=2024', 'from'],
    ['/api/summary?categories=Burglary,Nonsense', 'categories'],
    ['/api/summary?ward=E0501', 'ward'],
    ['/api/wards?ward=E05014882', 'ward'],
    ['/api/wards?to=2024-00', 'to'],
    ['/api/incidents?limit=0', 'limit'],
    ['/api/incidents?limit=100000', 'limit'],
    ['/api/incidents?cursor=abc', 'cursor'],
    ['/api/incidents?bbox=1,2,3', 'bbox'],
    ['/api/incidents?bbox=-1,55,-2,54', 'bbox'],
    ['/api/incidents?bbox=-200,54,-1,55', 'bbox'],
    ['/api/councils?x=1', 'x'],
    ['/api/health?verbose=1', 'verbose'],
    // Once 500s: year 0000, a period whose previous period starts before year 1, Infinity, a NUL byte.
    ['/api/hexes?from=0000-01', 'from'],
    ['/api/summary?to=0000-12', 'to'],
    ['/api/hexes?from=1899-12', 'from'],
    ['/api/hexes?to=2200-01', 'to'],
    ['/api/hotspots/top-wards?from=0001-01&to=0001-02', 'from'],
    ['/api/hexes?res=Infinity', 'res'],
    ['/api/incidents?limit=1e309', 'limit'],
    [`/api/hotspots/problem-locations?halfLife=${'9'.repeat(400)}`, 'halfLife'],
    ['/api/incidents?categories=Burglary%00', 'categories'],
    ['/api/harm-weights?foo=bar', 'foo'],
  ])('%s → 400 naming %s', async (url, parameter) => {
    const response = await get(url)
    expect(response.statusCode).toBe(400)
    expect(response.json().message).toContain(parameter)
  })

  it.each([
    ['/api/hexes?from=0000-01', 'querystring/from must be a month, YYYY-MM, from 1900-01 to 2199-12'],
    ['/api/hexes?ward=nowhere', 'querystring/ward must be an ONS code: a letter E, W, S or N and 8 digits, e.g. E05014882'],
    ['/api/audit?from=2024-1-1', 'querystring/from must be a day, YYYY-MM-DD, from 1900-01-01 to 2199-12-31'],
  ])('%s says what the value must be in words, not as a pattern', async (url, message) => {
    const response = await testApp.app.inject({ method: 'GET', url, headers: (await testApp.signInAs('admin')).headers })
    expect(response.statusCode).toBe(400)
    expect(response.json().message).toBe(message)
  })

  const hostile = ["'; DROP TABLE incidents; --", "' OR '1'='1", '%00', '\\x00', 'a'.repeat(5000), '${1}', '<script>alert(1)</script>']
  const parameters = ['from', 'to', 'categories', 'ward', 'res', 'bbox', 'cursor', 'limit']
  it.each(hostile)('never answers 500 to hostile text %#', async (value) => {
    for (const route of ['/api/hexes', '/api/summary', '/api/wards', '/api/incidents']) {
      for (const parameter of parameters) {
        const response = await get(`${route}?${parameter}=${encodeURIComponent(value)}`)
        expect(response.statusCode, `${route} ${parameter}`).toBe(400)
      }
    }
    const [still] = await sql('SELECT count(*)::int AS n FROM incidents')
    expect(still.n).toBeGreaterThan(0)
  })

  it('refuses an unknown query parameter on a write route that declares none', async () => {
    const response = await testApp.app.inject({
      method: 'PUT',
      url: '/api/harm-weights?foo=bar',
      payload: { weights: [{ category: ASB, weight: 1 }] },
      headers: analyst.headers,
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().message).toBe('querystring/foo is not a known parameter')
  })

  it('refuses a NUL byte or Infinity in a body by name: the public sign-in too', async () => {
    const login = await testApp.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'a\u0000@test.local', password: 'whatever it is' } })
    expect(login.statusCode).toBe(400)
    expect(login.json().message).toBe('body/email must not contain control characters')
    const weights = await testApp.app.inject({
      method: 'PUT',
      url: '/api/harm-weights',
      payload: { weights: [{ category: ASB, weight: 'Infinity' }] },
      headers: analyst.headers,
    })
    expect(weights.statusCode).toBe(400)
    expect(weights.json().message).toBe('body/weights/0/weight must be a finite number')
  })

  it('marks every API answer no-store, errors and public routes included', async () => {
    for (const response of [await get('/api/summary'), await get('/api/hexes?res=5'), await testApp.app.inject({ url: '/api/health' }), await get('/api/nothing-here')]) {
      expect(response.headers['cache-control']).toBe('no-store')
    }
  })

  it('answers 404 with JSON for an unknown API route', async () => {
    const response = await get('/api/nothing-here')
    expect(response.statusCode).toBe(404)
    expect(response.json().message).toContain('/api/nothing-here')
  })
})

describe('GET /docs', () => {
  it('serves the OpenAPI document listing every route', async () => {
    const spec = await json('/docs/json')
    expect(Object.keys(spec.paths).sort()).toEqual(
      [
        '/api/config', '/api/councils', '/api/health', '/api/hexes', '/api/incidents', '/api/summary', '/api/wards',
        '/api/auth/login', '/api/auth/logout', '/api/auth/session', '/api/auth/password',
        '/api/users', '/api/users/{id}', '/api/users/{id}/password', '/api/audit', '/api/ward-reports',
        '/api/hotspots/gistar', '/api/hotspots/emerging', '/api/hotspots/problem-locations', '/api/hotspots/concentration',
        '/api/hotspots/forecast-accuracy', '/api/hotspots/top-wards', '/api/harm-weights',
      ].sort(),
    )
    expect((await get('/docs')).statusCode).toBeLessThan(400)
  })
})
